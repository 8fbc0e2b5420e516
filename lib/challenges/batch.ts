/**
 * Group commit for the attempts store: calls that arrive while the process is busy (one event-loop turn) are
 * answered by one database round trip instead of one each. Under load this turns N rate-limit reads and N
 * inserts into a few queries; alone, a call waits only for `setImmediate`. Nothing here outlives a batch:
 * every caller still awaits its own write, and the database stays the only source of truth.
 */

interface Pending<T, R> {
  readonly item: T;
  resolve(value: R): void;
  reject(error: unknown): void;
}

/** Collects items until the current event-loop turn ends, then runs `run` once on all of them. */
export class MicroBatcher<T, R> {
  private queue: Pending<T, R>[] = [];
  private scheduled = false;

  /** `run` returns one result per item, in order (or throws: every caller of the batch gets the error). */
  constructor(
    private readonly run: (items: readonly T[]) => Promise<readonly R[]>,
    private readonly maxBatch = 100,
  ) {}

  push(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.queue.length >= this.maxBatch) this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    this.run(batch.map((p) => p.item)).then(
      (results) => batch.forEach((p, i) => p.resolve(results[i] as R)),
      (error: unknown) => batch.forEach((p) => p.reject(error)),
    );
  }
}

/** One batcher per key object (a database client), created on first use. */
export function batcherFor<K extends object, T, R>(cache: WeakMap<K, MicroBatcher<T, R>>, key: K, make: () => MicroBatcher<T, R>): MicroBatcher<T, R> {
  let b = cache.get(key);
  if (!b) {
    b = make();
    cache.set(key, b);
  }
  return b;
}
