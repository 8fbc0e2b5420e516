/**
 * The attempt route as `npm start` answers it without Next.js (fast-path.ts), over a real HTTP server:
 * it takes only the attempt POST, and every refusal the proxy and the route give through Next.js holds
 * here too, with the same security headers.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LEARNER_COOKIE, signLearnerId } from "@/lib/learner/cookie";
import { learnerSecret } from "@/lib/learner/secret";
import { cookieValue, fastAttempt, serveFast } from "./fast-path";

process.env.POLICY_LAB_SECRET ??= "fast-path-test-secret-0123456789abcdef";
const LEARNER = "3f0c1d2e-4b5a-4c6d-8e7f-0123456789ab";

describe("which requests the fast path takes", () => {
  it.each([
    ["POST", "/api/challenges/imperial-airspace/attempts", { slug: "imperial-airspace" }],
    ["POST", "/api/challenges/imperial-airspace/attempts/", { slug: "imperial-airspace" }],
    ["POST", "/api/challenges/imperial-airspace/attempts?x=1", { slug: "imperial-airspace" }],
    ["POST", "/api/challenges/caf%C3%A9/attempts", { slug: "café" }],
    ["GET", "/api/challenges/imperial-airspace/attempts", null],
    ["PUT", "/api/challenges/imperial-airspace/attempts", null],
    ["POST", "/api/challenges/imperial-airspace/lab", null],
    ["POST", "/api/challenges/a/b/attempts", null],
    ["POST", "/api/challenges/%ff/attempts", null],
    ["POST", "/challenges/imperial-airspace/attempts", null],
  ])("%s %s", (method, url, expected) => {
    expect(fastAttempt(method, url)).toEqual(expected);
  });

  it("reads the learner cookie among others, decoded", () => {
    expect(cookieValue("a=1; pl_learner=abc.def; b=2", "pl_learner")).toBe("abc.def");
    expect(cookieValue("pl_learner=a%2Bb", "pl_learner")).toBe("a+b");
    expect(cookieValue("xpl_learner=1", "pl_learner")).toBeUndefined();
    expect(cookieValue(undefined, "pl_learner")).toBeUndefined();
  });
});

describe("the fast path over HTTP", () => {
  let server: http.Server;
  let base: string;
  let cookie: string;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      void serveFast(req, res).then((taken) => {
        if (!taken) res.writeHead(599).end("left to Next.js");
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    cookie = `${LEARNER_COOKIE}=${await signLearnerId(LEARNER, learnerSecret())}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const post = (path: string, headers: Record<string, string>, body = '{"journal":[],"commands":[]}') =>
    fetch(base + path, { method: "POST", headers, body });
  const ATTEMPTS = "/api/challenges/imperial-airspace/attempts";
  const JSON_TYPE = { "content-type": "application/json" };

  it("leaves everything but the attempt POST to Next.js", async () => {
    expect((await fetch(base + ATTEMPTS)).status).toBe(599);
    expect((await post("/api/lessons/l3-l4-policies/lab", JSON_TYPE)).status).toBe(599);
  });

  it("refuses another origin's attempt with 403 and the security headers, before reading the learner", async () => {
    const res = await post(ATTEMPTS, { ...JSON_TYPE, cookie, origin: "http://evil.example" });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: expect.stringMatching(/Origin http:\/\/evil.example is not this site/) });
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("cache-control")).toBe("private, no-store");
  });

  it("accepts the site's own origin as the browser addresses it (Host), and refuses a cross-site fetch", async () => {
    const own = await post(ATTEMPTS, { "content-type": "text/plain", cookie, origin: base });
    expect(own.status).toBe(415);
    const crossSite = await post(ATTEMPTS, { ...JSON_TYPE, cookie, "sec-fetch-site": "cross-site" });
    expect(crossSite.status).toBe(403);
  });

  it("answers 404 for an unknown challenge, 401 without a signed cookie, 415 for a text body", async () => {
    const unknown = await post("/api/challenges/no-such/attempts", { ...JSON_TYPE, cookie });
    expect([unknown.status, await unknown.json()]).toEqual([404, { error: 'no challenge "no-such"' }]);
    const anonymous = await post(ATTEMPTS, JSON_TYPE);
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).error).toMatch(/no learner cookie/);
    const forged = await post(ATTEMPTS, { ...JSON_TYPE, cookie: `${LEARNER_COOKIE}=${LEARNER}` });
    expect(forged.status).toBe(401);
    expect((await forged.json()).error).toMatch(/not issued by this site/);
    const text = await post(ATTEMPTS, { "content-type": "text/plain", cookie });
    expect(text.status).toBe(415);
  });

  it("refuses an oversized body with 413 and a malformed one with 400, as the route does", async () => {
    const big = await post(ATTEMPTS, { ...JSON_TYPE, cookie }, JSON.stringify({ manifests: "x".repeat(300_000) }));
    expect(big.status).toBe(413);
    const bad = await post(ATTEMPTS, { ...JSON_TYPE, cookie }, '{"journal": [], "passed": true, "commands": []}');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/unexpected field "passed"/);
  });
});
