import { expect, request, test, type APIRequestContext } from "@playwright/test";
import { IMPERIAL_AIRSPACE_SOLUTION as RULE, learnerFrom } from "./helpers";

/**
 * The attempts API as a client sees it, against the production server: the server grades, stores and
 * answers with the learner's view; nothing the client claims about its result is believed.
 */
const SLUG = "imperial-airspace";
const URL = `/api/challenges/${SLUG}/attempts`;
// Fitted to the visible checks only (class=tiefighter): passes them, fails hidden ones.
const FITTED = RULE.replace("org: empire", "class: tiefighter");
const journal = (text: string) => ({
  journal: [{ op: "apply", source: "STDIN", text }],
  commands: ["cat <<EOT | kubectl apply -f -"],
});

type Check = { name: string; hidden: boolean; passed: boolean; status: string; details?: unknown[] };
type Result = { challenge: string; passed: boolean; score: number; checks: Check[]; errors: unknown[] };

/** A fresh learner: a new request context that opens the challenge page first and gets its pl_learner cookie there. */
async function learner(baseURL: string | undefined): Promise<APIRequestContext> {
  const ctx = await learnerFrom(baseURL, `/challenges/${SLUG}`);
  expect((await ctx.storageState()).cookies.map((c) => c.name)).toContain("pl_learner");
  return ctx;
}

test.describe("challenge attempts API", () => {
  test("grades a correct solution on the server and stores it", async ({ baseURL }) => {
    const api = await learner(baseURL);
    const res = await api.post(URL, { data: journal(RULE) });
    expect(res.status()).toBe(201);
    expect(res.headers()["x-attempt-id"]).toMatch(/^[0-9a-f-]{36}$/);
    const result = (await res.json()) as Result;
    expect(result).toMatchObject({ challenge: SLUG, passed: true, score: 100, errors: [] });
    const summary = await (await api.get(URL)).json();
    expect(summary).toMatchObject({ attempts: 1, bestScore: 100, passed: true, last: { score: 100, passed: true } });
    await api.dispose();
  });

  test("hidden checks' flows never appear in responses or in the stored attempt", async ({ baseURL }) => {
    const api = await learner(baseURL);
    const res = await api.post(URL, { data: journal(FITTED) });
    expect(res.status()).toBe(201);
    const text = await res.text();
    const result = JSON.parse(text) as Result;
    expect(result.passed).toBe(false);
    const hidden = result.checks.filter((c) => c.hidden);
    expect(hidden.length).toBeGreaterThan(0);
    expect(hidden.some((c) => !c.passed)).toBe(true);
    for (const c of hidden) expect(c).not.toHaveProperty("details");
    // The hidden checks probe ships the brief never names; their names must not leave the server.
    expect(text).not.toMatch(/interceptor|ywing|"flows"/);
    const stored = await (await api.get(URL)).text();
    expect(stored).not.toMatch(/interceptor|ywing/);
    await api.dispose();
  });

  test("a forged request claiming success does not change the stored result", async ({ baseURL }) => {
    const api = await learner(baseURL);
    const fail = await api.post(URL, { data: { journal: [], commands: [] } });
    expect(fail.status()).toBe(201);
    expect(await fail.json()).toMatchObject({ passed: false });

    const forged = [
      { journal: [], commands: [], passed: true, score: 100 },
      { journal: [], commands: [], result: { challenge: SLUG, passed: true, score: 100, checks: [] } },
      { passed: true, score: 100 },
    ];
    for (const data of forged) {
      const res = await api.post(URL, { data });
      expect(res.status()).toBe(400);
      expect((await res.json()).error).toMatch(/unexpected field|missing field/);
    }
    // Headers and query strings are not read either.
    const sneaky = await api.post(`${URL}?passed=true&score=100`, {
      data: { journal: [], commands: [] },
      headers: { "x-passed": "true", "x-score": "100" },
    });
    expect(await sneaky.json()).toMatchObject({ passed: false, score: expect.any(Number) });

    const summary = await (await api.get(URL)).json();
    expect(summary).toMatchObject({ attempts: 2, passed: false, last: { passed: false } });
    expect(summary.bestScore).toBeLessThan(100);
    await api.dispose();
  });

  test("oversized, malformed and misdirected requests get 413, 400 and 404 with JSON errors", async ({ baseURL }) => {
    const api = await learner(baseURL);
    const big = await api.post(URL, { data: { manifests: "#".repeat(300 * 1024), commands: [] } });
    expect(big.status()).toBe(413);
    expect((await big.json()).error).toMatch(/256 KB/);

    const notJson = await api.post(URL, {
      data: Buffer.from("{ not json"),
      headers: { "content-type": "application/json" },
    });
    expect(notJson.status()).toBe(400);
    expect(await notJson.json()).toEqual({ error: "the body is not JSON" });

    const wrongShape = await api.post(URL, { data: { journal: [{ op: "explode" }], commands: [] } });
    expect(wrongShape.status()).toBe(400);
    expect((await wrongShape.json()).error).toMatch(/^invalid attempt: journal: /);

    const badCommands = await api.post(URL, { data: { journal: [], commands: "kubectl get pods" } });
    expect(badCommands.status()).toBe(400);
    expect((await badCommands.json()).error).toMatch(/commands/);

    const unknown = await api.post("/api/challenges/no-such-challenge/attempts", {
      data: { journal: [], commands: [] },
    });
    expect(unknown.status()).toBe(404);
    expect(await unknown.json()).toEqual({ error: 'no challenge "no-such-challenge"' });

    // None of these were stored.
    expect(await (await api.get(URL)).json()).toMatchObject({ attempts: 0 });
    await api.dispose();
  });

  test("a learner who submits too fast is rate-limited with Retry-After", async ({ baseURL }) => {
    const api = await learner(baseURL);
    let limited = null;
    for (let i = 0; i < 25 && !limited; i++) {
      const res = await api.post(URL, { data: { manifests: "", commands: [] } });
      if (res.status() === 429) limited = res;
      else expect(res.status()).toBe(201);
    }
    expect(limited).not.toBeNull();
    expect(Number(limited?.headers()["retry-after"])).toBeGreaterThan(0);
    expect((await limited?.json()).error).toMatch(/too many attempts/);
    // Another learner is not affected.
    const other = await learner(baseURL);
    expect((await other.post(URL, { data: { manifests: "", commands: [] } })).status()).toBe(201);
    await api.dispose();
    await other.dispose();
  });

  test("an attempt without the learner cookie is refused, not given a fresh learner", async ({ baseURL }) => {
    const anonymous = await request.newContext({ baseURL });
    const res = await anonymous.post(URL, { data: journal(RULE) });
    expect(res.status()).toBe(401);
    expect((await anonymous.storageState()).cookies).toEqual([]);
  });
});
