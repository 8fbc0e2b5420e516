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

export interface BatchOptions<T, R> {
  /** Items per run at most (a full queue runs at once). */
  readonly maxBatch?: number;
  /**
   * Runs one item alone. Given, a failed run of several items is retried item by item, so one item the
   * database refuses (text it cannot store, a row that breaks a constraint) fails only its own caller
   * instead of every learner who happened to share its batch. Only for runs that are atomic (one
   * statement, or one transaction): a failed run must have stored nothing.
   */
  readonly single?: (item: T) => Promise<R>;
  /** Errors for which retrying alone is pointless (the database itself is failing): every caller gets them. */
  readonly isShared?: (error: unknown) => boolean;
}

/** Collects items until the current event-loop turn ends, then runs `run` once on all of them. */
export class MicroBatcher<T, R> {
  private queue: Pending<T, R>[] = [];
  private scheduled = false;
  private readonly maxBatch: number;

  /** `run` returns one result per item, in order (or throws: see BatchOptions.single). */
  constructor(
    private readonly run: (items: readonly T[]) => Promise<readonly R[]>,
    private readonly options: BatchOptions<T, R> = {},
  ) {
    this.maxBatch = options.maxBatch ?? 100;
  }

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
      (error: unknown) => {
        const single = this.options.single;
        if (!single || batch.length === 1 || this.options.isShared?.(error)) batch.forEach((p) => p.reject(error));
        // One after the other, not all at once: the retries should not compete with each other for the
        // database that just refused the batch.
        else void retryAlone(batch, single);
      },
    );
  }
}

async function retryAlone<T, R>(batch: readonly Pending<T, R>[], single: (item: T) => Promise<R>): Promise<void> {
  for (const p of batch) {
    try {
      p.resolve(await single(p.item));
    } catch (error) {
      p.reject(error);
    }
  }
}

/** One batcher per key object (a database client), created on first use. */
export function batcherFor<K extends object, T, R>(
  cache: WeakMap<K, MicroBatcher<T, R>>,
  key: K,
  make: () => MicroBatcher<T, R>,
): MicroBatcher<T, R> {
  let b = cache.get(key);
  if (!b) {
    b = make();
    cache.set(key, b);
  }
  return b;
}
