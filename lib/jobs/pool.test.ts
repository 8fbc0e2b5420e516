import { afterEach, describe, expect, it } from "vitest";
import { WorkerPool, type PoolOptions } from "./pool";

const script = new URL("./test-worker.mjs", import.meta.url);
const options = (o: Partial<PoolOptions> = {}): PoolOptions => ({
  script,
  size: 1,
  maxQueue: 4,
  timeoutMs: 2000,
  resourceLimits: { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 8 },
  ...o,
});

let pool: WorkerPool | null = null;
afterEach(async () => {
  await pool?.close();
  pool = null;
});

describe("the worker pool", () => {
  it("runs jobs and reports a job that throws as failed, then goes on", async () => {
    pool = new WorkerPool(options());
    expect(await pool.run({ kind: "echo", value: 1 })).toMatchObject({ kind: "done", value: { echo: 1 } });
    expect(await pool.run({ kind: "throw" })).toEqual({ kind: "failed", message: "bad input" });
    expect(await pool.run({ kind: "echo", value: 2 })).toMatchObject({ kind: "done", value: { echo: 2 } });
  });

  it("terminates a job over its time budget and replaces the worker", async () => {
    pool = new WorkerPool(options({ timeoutMs: 300 }));
    const first = await pool.run<{ threadId: number }>({ kind: "echo", value: 0 });
    expect(await pool.run({ kind: "spin" })).toEqual({ kind: "timeout", ms: 300 });
    const after = await pool.run<{ threadId: number }>({ kind: "echo", value: 3 });
    expect(after).toMatchObject({ kind: "done", value: { echo: 3 } });
    expect(after.kind === "done" && first.kind === "done" && after.value.threadId).not.toBe(
      first.kind === "done" && first.value.threadId,
    );
  });

  it("stops a job over its memory budget without taking the process down", async () => {
    pool = new WorkerPool(options({ timeoutMs: 20_000 }));
    expect(await pool.run({ kind: "alloc" })).toEqual({ kind: "out-of-memory" });
    expect(await pool.run({ kind: "echo", value: 4 })).toMatchObject({ kind: "done", value: { echo: 4 } });
  });

  it("queues up to its bound and refuses beyond it at once", async () => {
    pool = new WorkerPool(options({ maxQueue: 2 }));
    await pool.run({ kind: "echo", value: "warm" });
    const running = pool.run({ kind: "sleep", ms: 300 });
    const queued = [pool.run({ kind: "echo", value: "a" }), pool.run({ kind: "echo", value: "b" })];
    expect(pool.waiting).toBe(2);
    expect(await pool.run({ kind: "echo", value: "c" })).toEqual({ kind: "busy" });
    expect(await running).toEqual({ kind: "done", value: "slept" });
    expect((await Promise.all(queued)).map((o) => o.kind)).toEqual(["done", "done"]);
  });

  it("a job stuck behind a runaway one still runs once the runaway is stopped", async () => {
    pool = new WorkerPool(options({ timeoutMs: 300 }));
    const runaway = pool.run({ kind: "spin" });
    const next = pool.run({ kind: "echo", value: "after" });
    expect(await runaway).toMatchObject({ kind: "timeout" });
    expect(await next).toMatchObject({ kind: "done", value: { echo: "after" } });
  });
});
