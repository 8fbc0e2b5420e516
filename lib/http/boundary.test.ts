import { describe, expect, it } from "vitest";
import { isJsonContentType, readJson } from "./body";
import { errorResponse, HttpError, route } from "./errors";
import { checkOrigin } from "./origin";
import { unstorableText } from "./text";

const url = new URL("http://127.0.0.1:3000/api/x");
const headers = (h: Record<string, string>) => new Headers({ host: "127.0.0.1:3000", ...h });

describe("checkOrigin: state changes only from this site", () => {
  const cases: [string, string, Record<string, string>, boolean][] = [
    ["GET from anywhere", "GET", { origin: "http://evil.example" }, true],
    ["same origin", "POST", { origin: "http://127.0.0.1:3000" }, true],
    [
      "same origin behind a proxy",
      "PUT",
      { origin: "https://lab.example", "x-forwarded-host": "lab.example", "x-forwarded-proto": "https" },
      true,
    ],
    ["another port of the same host (same-site, cross-origin)", "POST", { origin: "http://127.0.0.1:3001" }, false],
    ["another scheme", "POST", { origin: "https://127.0.0.1:3000" }, false],
    ["a foreign site", "PUT", { origin: "http://evil.example" }, false],
    ["an opaque origin", "POST", { origin: "null" }, false],
    ["no Origin, same-origin fetch metadata", "POST", { "sec-fetch-site": "same-origin" }, true],
    ["no Origin, cross-site fetch metadata", "POST", { "sec-fetch-site": "cross-site" }, false],
    ["no Origin, same-site fetch metadata", "POST", { "sec-fetch-site": "same-site" }, false],
    ["no browser headers at all (curl, scripts)", "POST", {}, true],
  ];
  it.each(cases)("%s", (_name, method, h, allowed) => {
    expect(checkOrigin(method, headers(h), url, []).allowed).toBe(allowed);
  });

  it("admits configured extra origins", () => {
    expect(
      checkOrigin("POST", headers({ origin: "https://docs.example/" }), url, ["https://docs.example"]).allowed,
    ).toBe(true);
  });
});

describe("unstorableText: what jsonb cannot hold", () => {
  it("finds NUL and unpaired surrogates in values and keys, with their path", () => {
    expect(unstorableText({ a: ["ok", "x\u0000y"] })).toEqual({ path: "a[1]", what: "a NUL character (\\u0000)" });
    expect(unstorableText({ files: { "/root/\ud800.yaml": "" } })).toEqual({
      path: "files./root/\ud800.yaml",
      what: "an unpaired UTF-16 surrogate",
    });
    expect(unstorableText(["\udc00"])).toMatchObject({ path: "[0]", what: "an unpaired UTF-16 surrogate" });
    expect(unstorableText("a\ud83d")).toMatchObject({ path: "(body)" });
  });

  it("accepts paired surrogates (emoji) and ordinary control characters", () => {
    expect(unstorableText({ history: ["echo 🚀\t\u0001"], n: 1, b: null })).toBeNull();
  });

  it("walks a deeply nested value without overflowing the stack", () => {
    let deep: unknown = "x\u0000";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(unstorableText(deep)).toMatchObject({ what: "a NUL character (\\u0000)" });
  });
});

describe("readJson", () => {
  const req = (body: string, type: string | null) =>
    new Request("http://x/", { method: "POST", body, headers: type === null ? {} : { "content-type": type } });
  const status = (p: Promise<unknown>) =>
    p.then(
      () => 200,
      (e: HttpError) => e.status,
    );
  const opts = { maxBytes: 100, tooLarge: "too big" };

  it("accepts JSON content types only (a cross-site form or text/plain body is 415)", async () => {
    expect(isJsonContentType("application/json; charset=utf-8")).toBe(true);
    expect(isJsonContentType("application/merge-patch+json")).toBe(true);
    expect(await status(readJson(req("{}", "text/plain;charset=UTF-8"), opts))).toBe(415);
    expect(await status(readJson(req("{}", "application/x-www-form-urlencoded"), opts))).toBe(415);
    expect(await status(readJson(req("{}", null), opts))).toBe(415);
    expect(await readJson(req('{"a":1}', "application/json"), opts)).toEqual({ a: 1 });
  });

  it("refuses oversized, malformed and unstorable bodies with 413 and 400", async () => {
    expect(await status(readJson(req("x".repeat(101), "application/json"), opts))).toBe(413);
    expect(await status(readJson(req("{", "application/json"), opts))).toBe(400);
    await expect(readJson(req('{"a":"\\u0000"}', "application/json"), opts)).rejects.toThrow(
      "a: text may not contain a NUL character",
    );
    await expect(readJson(req('["\\ud800"]', "application/json"), opts)).rejects.toThrow(
      "[0]: text may not contain an unpaired UTF-16 surrogate",
    );
  });
});

describe("route: one error path", () => {
  it("answers an HttpError with its status, headers and a JSON message that is never cached", async () => {
    const res = await route(async () => {
      throw new HttpError(429, "slow down", { "retry-after": "3" });
    })();
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("3");
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(await res.json()).toEqual({ error: "slow down" });
  });

  it("answers anything else with a JSON 500, never an empty page", async () => {
    const quiet = console.error;
    console.error = () => {};
    const res = errorResponse(new TypeError("boom"));
    console.error = quiet;
    expect(res.status).toBe(500);
    expect((await res.json()).error).toMatch(/internal error/);
  });
});
