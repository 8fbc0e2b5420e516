import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SaveQueue, type SaveStatus } from "./save-queue";

type Call = { body: unknown };

describe("saving a lab", () => {
  let calls: Call[];
  let answers: (() => Promise<Response>)[];
  let statuses: SaveStatus[];

  beforeEach(() => {
    vi.useFakeTimers();
    calls = [];
    answers = [];
    statuses = [];
    vi.stubGlobal("fetch", (_url: string, init: RequestInit) => {
      calls.push({ body: JSON.parse(String(init.body)) });
      const next =
        answers.shift() ?? (() => Promise.resolve(new Response(JSON.stringify({ ok: true }), { status: 200 })));
      return next();
    });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  const queue = () => new SaveQueue<{ n: number }>("/api/x/lab", (s) => statuses.push(s));

  it("turns a burst of changes into one request carrying the latest", async () => {
    const q = queue();
    for (let n = 1; n <= 5; n++) q.push({ n });
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toEqual([{ body: { n: 5 } }]);
    expect(statuses.at(-1)?.kind).toBe("saved");
  });

  it("reports a failed save, retries it with backoff, and never drops it", async () => {
    const q = queue();
    answers.push(() => Promise.reject(new TypeError("network down")));
    answers.push(() =>
      Promise.resolve(new Response(JSON.stringify({ error: "database unavailable" }), { status: 503 })),
    );
    q.push({ n: 1 });
    await vi.advanceTimersByTimeAsync(800);
    expect(statuses.at(-1)).toMatchObject({ kind: "error", message: "network down", retryInMs: 1000 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(statuses.at(-1)).toMatchObject({ kind: "error", message: "database unavailable", retryInMs: 2000 });
    await vi.advanceTimersByTimeAsync(2000);
    expect(calls.map((c) => c.body)).toEqual([{ n: 1 }, { n: 1 }, { n: 1 }]);
    expect(statuses.at(-1)?.kind).toBe("saved");
  });

  it("a newer change made while a save failed replaces it, and is the one that lands", async () => {
    const q = queue();
    answers.push(() => Promise.reject(new TypeError("network down")));
    q.push({ n: 1 });
    await vi.advanceTimersByTimeAsync(800);
    q.push({ n: 2 });
    await vi.advanceTimersByTimeAsync(2000);
    expect(calls.map((c) => c.body)).toEqual([{ n: 1 }, { n: 2 }]);
    expect(statuses.at(-1)?.kind).toBe("saved");
  });

  it("while paused (a saved lab that could not be restored) nothing overwrites the server's copy", async () => {
    const q = queue();
    q.pause();
    q.push({ n: 1 });
    await vi.advanceTimersByTimeAsync(5000);
    expect(calls).toEqual([]);
    q.resume();
    q.push({ n: 2 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toEqual([{ body: { n: 2 } }]);
  });
});
