import { describe, expect, it } from "vitest";
import { AdmissionGate, admissionLimits, learnerWork } from "./admission.mjs";

/** Timers the test advances by hand. */
function manualTimers() {
  let now = 0;
  const pending = new Map<number, { at: number; fn: () => void }>();
  let next = 1;
  return {
    setTimeout: (fn: () => void, ms: number) => {
      pending.set(next, { at: now + ms, fn });
      return next++;
    },
    clearTimeout: (handle: unknown) => void pending.delete(handle as number),
    advance(ms: number) {
      now += ms;
      for (const [h, t] of [...pending]) {
        if (t.at > now) continue;
        pending.delete(h);
        t.fn();
      }
    },
  };
}

const flush = () => new Promise((r) => setImmediate(r));

describe("learner work", () => {
  it.each([
    ["POST", "/api/challenges/imperial-airspace/attempts", "grade"],
    ["POST", "/api/challenges/imperial-airspace/attempts?x=1", "grade"],
    ["PUT", "/api/lessons/l3-l4-policies/lab", "save"],
    ["PUT", "/api/challenges/imperial-airspace/lab", "save"],
    ["GET", "/api/challenges/imperial-airspace/attempts", null],
    ["GET", "/lessons/l3-l4-policies", null],
    ["POST", "/api/challenges/a/b/attempts", null],
    ["PUT", "/api/workshops/x", null],
  ])("%s %s is %s", (method, url, work) => {
    expect(learnerWork(method, url)).toBe(work);
  });

  it("reads its limits from the environment, with defaults for missing or bad values", () => {
    expect(admissionLimits({})).toEqual({ active: 16, waitMs: 300, maxWaiting: 1000 });
    expect(admissionLimits({ POLICY_LAB_WORK_ACTIVE: "4", POLICY_LAB_WORK_WAIT_MS: "-1" })).toMatchObject({
      active: 4,
      waitMs: 300,
    });
  });
});

describe("AdmissionGate", () => {
  it("admits up to its limit at once and the next one as soon as a slot frees, in arrival order", async () => {
    const timers = manualTimers();
    const gate = new AdmissionGate({ active: 2, waitMs: 100, maxWaiting: 10 }, timers);
    const a = await gate.enter();
    const b = await gate.enter();
    expect(a).not.toBeNull();
    expect(b).not.toBeNull();
    const order: string[] = [];
    const c = gate.enter().then((r) => (order.push("c"), r));
    const d = gate.enter().then((r) => (order.push("d"), r));
    await flush();
    expect(order).toEqual([]);
    a!();
    a!(); // a second release of the same slot frees nothing more
    await flush();
    expect(order).toEqual(["c"]);
    expect(gate.active).toBe(2);
    b!();
    await flush();
    expect(order).toEqual(["c", "d"]);
    (await c)!();
    (await d)!();
    expect(gate.active).toBe(0);
  });

  it("refuses one that waited longer than waitMs, and keeps the slot count right", async () => {
    const timers = manualTimers();
    const gate = new AdmissionGate({ active: 1, waitMs: 100, maxWaiting: 10 }, timers);
    const a = await gate.enter();
    const late = gate.enter();
    timers.advance(99);
    await flush();
    timers.advance(1);
    expect(await late).toBeNull();
    expect(gate.refused).toBe(1);
    a!();
    expect(gate.active).toBe(0);
    expect(await gate.enter()).not.toBeNull();
  });

  it("refuses at once when too many wait already", async () => {
    const gate = new AdmissionGate({ active: 1, waitMs: 100, maxWaiting: 2 }, manualTimers());
    await gate.enter();
    void gate.enter();
    void gate.enter();
    expect(await gate.enter()).toBeNull();
  });
});
