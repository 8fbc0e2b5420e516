import { describe, expect, it } from "vitest";
import { activeFeeds, watch } from "./live";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("live feeds", () => {
  it("share one poll between watchers, push only changes, and stop polling when nobody watches", async () => {
    let loads = 0;
    let value = 1;
    const load = async () => {
      loads++;
      return { value };
    };
    const a: string[] = [];
    const b: string[] = [];
    const stopA = watch("feed:x", load, 20, (json) => a.push(json));
    await sleep(5);
    const before = loads;
    const stopB = watch("feed:x", load, 20, (json) => b.push(json));
    // The second watcher gets the current value at once, without a load of its own.
    expect(b).toEqual(['{"value":1}']);
    expect(loads).toBe(before);
    await sleep(70);
    expect(a).toEqual(['{"value":1}']);
    value = 2;
    await sleep(50);
    expect(a).toEqual(['{"value":1}', '{"value":2}']);
    expect(b).toEqual(['{"value":1}', '{"value":2}']);
    stopA();
    stopB();
    await sleep(60);
    expect(activeFeeds()).toBe(0);
    const after = loads;
    await sleep(60);
    expect(loads).toBe(after);
  });

  it("keeps the last value when a poll fails and delivers the next good one", async () => {
    let fail = false;
    let failed = 0;
    const got: string[] = [];
    const stop = watch(
      "feed:y",
      async () => {
        if (fail) {
          failed++;
          throw new Error("database restarting");
        }
        return failed > 0 ? "later" : "first";
      },
      15,
      (json) => got.push(json),
    );
    await until(() => got.length === 1);
    fail = true;
    await until(() => failed > 0);
    fail = false;
    await until(() => got.length === 2);
    stop();
    expect(got).toEqual(['"first"', '"later"']);
  });
});

/** Waits for a condition (the feed's timers run meanwhile), failing after 5 s. */
async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 5) {
    if (waited > 5000) throw new Error("condition not reached in 5 s");
    await sleep(5);
  }
}
