import { describe, expect, it } from "vitest";
import { MicroBatcher } from "./batch";

describe("MicroBatcher", () => {
  it("answers everything pushed in one event-loop turn with one run, in order", async () => {
    const runs: number[][] = [];
    const b = new MicroBatcher(async (items: readonly number[]) => {
      runs.push([...items]);
      return items.map((n) => n * 2);
    });
    expect(await Promise.all([b.push(1), b.push(2), b.push(3)])).toEqual([2, 4, 6]);
    expect(await b.push(4)).toBe(8);
    expect(runs).toEqual([[1, 2, 3], [4]]);
  });

  it("flushes at maxBatch and passes a failure to every caller of the batch", async () => {
    const runs: number[] = [];
    const ok = new MicroBatcher(async (items: readonly number[]) => {
      runs.push(items.length);
      return items;
    }, 2);
    await Promise.all([1, 2, 3, 4, 5].map((n) => ok.push(n)));
    expect(runs).toEqual([2, 2, 1]);
    const failing = new MicroBatcher(async () => {
      throw new Error("db down");
    });
    const results = await Promise.allSettled([failing.push(1), failing.push(2)]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
  });
});
