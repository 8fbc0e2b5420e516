/**
 * A small pool of worker threads for work that depends on learner input. Each job runs alone in a worker
 * with a hard time budget (past it the worker is terminated and replaced: a runaway replay or regex cannot
 * keep a core) and a memory budget (V8 `resourceLimits`: an allocation bomb kills its worker, not the
 * server). The request thread only queues jobs and waits, so pages keep being served whatever a job does.
 * The queue is bounded: when it is full a job is refused at once ("busy") instead of waiting without end.
 *
 * Generic over the worker script: the worker says `{ ready: true }` once loaded (start-up is not charged to
 * a job's budget), then takes `{ id, job }` and answers `{ id, ok: true, value }` or `{ id, ok: false,
 * message }`, one job at a time.
 */
import { Worker, type ResourceLimits } from "node:worker_threads";

export interface PoolOptions {
  /** The worker script (an ES module file). */
  readonly script: string | URL;
  readonly size: number;
  /** Jobs waiting for a worker beyond this are refused ("busy"). */
  readonly maxQueue: number;
  /** Wall time a job may run in its worker before the worker is terminated. */
  readonly timeoutMs: number;
  readonly resourceLimits: ResourceLimits;
}

export type JobOutcome<R> =
  | { readonly kind: "done"; readonly value: R }
  /** The job threw: its input was bad in a way the code did not anticipate. */
  | { readonly kind: "failed"; readonly message: string }
  | { readonly kind: "timeout"; readonly ms: number }
  | { readonly kind: "out-of-memory" }
  | { readonly kind: "busy" }
  /** The worker died for another reason (its replacement takes the next job). */
  | { readonly kind: "crashed"; readonly message: string };

interface Queued {
  readonly job: unknown;
  readonly resolve: (outcome: JobOutcome<unknown>) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  current: (Queued & { readonly id: number; readonly timer: ReturnType<typeof setTimeout> }) | null;
}

type Reply = { ready: true } | { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string };

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Queued[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly opts: PoolOptions) {
    for (let i = 0; i < Math.max(1, opts.size); i++) this.slots.push(this.spawn());
  }

  /** Runs `job` in a worker; never rejects. */
  run<R>(job: unknown): Promise<JobOutcome<R>> {
    if (this.closed) return Promise.resolve({ kind: "crashed", message: "the worker pool is closed" });
    return new Promise((resolve) => {
      const queued: Queued = { job, resolve: resolve as Queued["resolve"] };
      const idle = this.slots.find((s) => s.ready && s.current === null);
      if (idle) this.start(idle, queued);
      else if (this.queue.length >= this.opts.maxQueue) resolve({ kind: "busy" });
      else this.queue.push(queued);
    });
  }

  /** Jobs waiting for a worker. */
  get waiting(): number {
    return this.queue.length;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const q of this.queue.splice(0)) q.resolve({ kind: "crashed", message: "the worker pool is closed" });
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private spawn(): Slot {
    const worker = new Worker(this.opts.script, { resourceLimits: this.opts.resourceLimits });
    // An idle worker must not keep the process alive (tests, scripts): only a running job does.
    worker.unref();
    const slot: Slot = { worker, ready: false, current: null };
    worker.on("message", (reply: Reply) => {
      if ("ready" in reply) {
        slot.ready = true;
        this.next(slot);
      } else
        this.finish(
          slot,
          reply.id,
          reply.ok ? { kind: "done", value: reply.value } : { kind: "failed", message: reply.message },
        );
    });
    worker.on("error", (error: Error & { code?: string }) => {
      this.replace(
        slot,
        error.code === "ERR_WORKER_OUT_OF_MEMORY"
          ? { kind: "out-of-memory" }
          : { kind: "crashed", message: error.message },
      );
    });
    worker.on("exit", () => this.replace(slot, { kind: "crashed", message: "the worker exited" }));
    return slot;
  }

  private start(slot: Slot, queued: Queued): void {
    const id = this.nextId++;
    const timer = setTimeout(() => {
      void slot.worker.terminate();
      this.replace(slot, { kind: "timeout", ms: this.opts.timeoutMs });
    }, this.opts.timeoutMs);
    slot.current = { ...queued, id, timer };
    slot.worker.ref();
    slot.worker.postMessage({ id, job: queued.job });
  }

  private finish(slot: Slot, id: number, outcome: JobOutcome<unknown>): void {
    const current = slot.current;
    if (!current || current.id !== id) return;
    clearTimeout(current.timer);
    slot.current = null;
    slot.worker.unref();
    current.resolve(outcome);
    this.next(slot);
  }

  /** The worker is gone (or must go): answer its job, put a fresh worker in its slot, go on with the queue. */
  private replace(slot: Slot, outcome: JobOutcome<unknown>): void {
    const current = slot.current;
    if (current) {
      clearTimeout(current.timer);
      slot.current = null;
      current.resolve(outcome);
    }
    const old = slot.worker;
    old.removeAllListeners();
    // A terminated worker may still emit events: keep a no-op listener so none is unhandled.
    old.on("error", () => {});
    void old.terminate();
    const index = this.slots.indexOf(slot);
    if (index < 0 || this.closed) return;
    // The fresh worker takes the next queued job once it says it is ready.
    this.slots[index] = this.spawn();
  }

  private next(slot: Slot): void {
    if (!slot.ready || slot.current !== null) return;
    const queued = this.queue.shift();
    if (queued) this.start(slot, queued);
  }
}
