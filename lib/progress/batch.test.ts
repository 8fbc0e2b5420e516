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
    const ok = new MicroBatcher(
      async (items: readonly number[]) => {
        runs.push(items.length);
        return items;
      },
      { maxBatch: 2 },
    );
    await Promise.all([1, 2, 3, 4, 5].map((n) => ok.push(n)));
    expect(runs).toEqual([2, 2, 1]);
    const failing = new MicroBatcher(async () => {
      throw new Error("db down");
    });
    const results = await Promise.allSettled([failing.push(1), failing.push(2)]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
  });

  it("retries a failed batch item by item, so only the item the database refuses fails", async () => {
    const runs: number[][] = [];
    const store = async (items: readonly number[]) => {
      runs.push([...items]);
      if (items.includes(13)) throw new Error("invalid input syntax for type json");
      return items.map((n) => n * 2);
    };
    const b = new MicroBatcher(store, { single: async (n: number) => (await store([n]))[0]! });
    const results = await Promise.allSettled([1, 13, 3].map((n) => b.push(n)));
    expect(results).toEqual([
      { status: "fulfilled", value: 2 },
      { status: "rejected", reason: new Error("invalid input syntax for type json") },
      { status: "fulfilled", value: 6 },
    ]);
    expect(runs).toEqual([[1, 13, 3], [1], [13], [3]]);
  });

  it("does not retry alone when the error is the database's, not an item's", async () => {
    let runs = 0;
    const b = new MicroBatcher(
      async () => {
        runs++;
        throw new Error("disk full");
      },
      { single: async () => 0, isShared: () => true },
    );
    const results = await Promise.allSettled([b.push(1), b.push(2)]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(runs).toBe(1);
  });
});
