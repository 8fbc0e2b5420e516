import { describe, expect, it } from "vitest";
import { readLimitedBody } from "./body";
import { loadChallenge, loadChallengePage, publicChecks } from "@/lib/content/challenges";
import { MAX_ATTEMPT_BYTES, parseAttemptBody } from "./requests";

const APPLY = { op: "apply", source: "STDIN", text: "kind: ConfigMap" };

describe("parseAttemptBody", () => {
  it("accepts { journal, commands } and { manifests, commands? }", () => {
    expect(parseAttemptBody({ journal: [APPLY], commands: ["kubectl apply -f -"] })).toMatchObject({
      ok: true,
      submission: { kind: "journal" },
    });
    expect(parseAttemptBody({ manifests: "kind: ConfigMap" })).toMatchObject({
      ok: true,
      submission: { kind: "manifests" },
      stored: { commands: [] },
    });
  });

  it("refuses a body that claims its own result, naming the fields", () => {
    for (const claim of [{ passed: true }, { score: 100 }, { result: { passed: true, score: 100 } }]) {
      const r = parseAttemptBody({ journal: [], commands: [], ...claim });
      expect(r).toEqual({ ok: false, error: expect.stringContaining(`unexpected field "${Object.keys(claim)[0]}"`) });
    }
  });

  it("gives specific messages for wrong payloads", () => {
    const error = (b: unknown) => {
      const r = parseAttemptBody(b);
      return r.ok ? "" : r.error;
    };
    expect(error([])).toMatch(/JSON object/);
    expect(error({ commands: [] })).toMatch(/missing field "journal"/);
    expect(error({ journal: [], manifests: "", commands: [] })).toMatch(/either "journal" or "manifests"/);
    expect(error({ journal: [], commands: "ls" })).toMatch(/^commands: /);
    expect(error({ journal: [{ op: "explode" }], commands: [] })).toMatch(/^journal: /);
    expect(error({ journal: "nope", commands: [] })).toMatch(/^journal: /);
    expect(error({ journal: [], commands: ["x".repeat(70_000)] })).toMatch(/64 KB/);
    expect(error({ journal: [], commands: Array.from({ length: 2001 }, () => "ls") })).toMatch(/2000 commands/);
  });
});

describe("readLimitedBody", () => {
  const post = (body: string | ReadableStream<Uint8Array>, headers: Record<string, string> = {}) =>
    new Request("http://x/", { method: "POST", body, headers, duplex: "half" } as RequestInit);

  it("reads a body within the limit", async () => {
    expect(await readLimitedBody(post('{"a":1}'), 100)).toEqual({ ok: true, text: '{"a":1}' });
  });

  it("refuses a declared or streamed body above the limit", async () => {
    expect(
      await readLimitedBody(post("x", { "content-length": String(MAX_ATTEMPT_BYTES + 1) }), MAX_ATTEMPT_BYTES),
    ).toEqual({ ok: false, reason: "too-large" });
    const chunk = new Uint8Array(64 * 1024);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 1;
        if (sent > 100) controller.close();
        else controller.enqueue(chunk);
      },
    });
    expect(await readLimitedBody(post(stream), MAX_ATTEMPT_BYTES)).toEqual({ ok: false, reason: "too-large" });
    expect(sent).toBeLessThan(10);
  });
});

describe("loading challenges", () => {
  it("returns null for an unknown slug", () => {
    expect(loadChallenge("no-such-challenge")).toBeNull();
    expect(loadChallengePage("no-such-challenge")).toBeNull();
  });

  it("caches the loaded challenge and its starting cluster per process", () => {
    const a = loadChallenge("imperial-airspace");
    expect(a).not.toBeNull();
    expect(loadChallenge("imperial-airspace")).toBe(a);
  });

  it("public checks carry titles, never a check's definition", () => {
    const loaded = loadChallenge("imperial-airspace");
    const checks = publicChecks(loaded?.challenge.checks ?? []);
    expect(checks.some((c) => c.hidden)).toBe(true);
    expect(JSON.stringify(checks)).not.toMatch(/"flows"|interceptor|ywing/);
  });
});
