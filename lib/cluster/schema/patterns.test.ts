/**
 * The CRDs' `pattern`s, worded like the API server and run on RE2 (issue 10: V8's backtracking RegExp took
 * seconds on `aaaaaaaaaaaaaaaaaaaaaaaaaaa!`, doubling with each character).
 */
import { describe, expect, test } from "vitest";
import { validateObject as validateManifest } from "./index";
import { patternMatches } from "./dsl";

const cnp = (spec: Record<string, unknown>) => ({
  apiVersion: "cilium.io/v2",
  kind: "CiliumNetworkPolicy",
  metadata: { name: "p", namespace: "default" },
  spec,
});
const fqdn = (sel: Record<string, string>) => cnp({ endpointSelector: {}, egress: [{ toFQDNs: [sel] }] });
const port = (p: string) => cnp({ endpointSelector: {}, ingress: [{ toPorts: [{ ports: [{ port: p }] }] }] });
const causes = (o: Record<string, unknown>): readonly string[] => {
  const r = validateManifest(o.kind as string, o);
  return r.kind === "invalid" ? r.causes : [];
};

const NAME = "spec.egress[0].toFQDNs[0].matchName";
const PATTERN = "spec.egress[0].toFQDNs[0].matchPattern";
const PORT = "spec.ingress[0].toPorts[0].ports[0].port";

describe("CRD patterns", () => {
  test.each([
    ["matchName", "api.github.com", true],
    ["matchName", "api.github.com.", true],
    ["matchName", "under_score-1", true],
    ["matchName", "a..b", false],
    ["matchName", "*.github.com", false],
    ["matchName", "aaaaaaaaaaaaaaaaaaaaaaaaaaa!", false],
    ["matchPattern", "*.github.com", true],
    ["matchPattern", "**.github.com", true],
    ["matchPattern", "api github", false],
    ["matchPattern", "aaaaaaaaaaaaaaaaaaaaaaaaaaa!", false],
  ])("%s %j valid: %s", (field, value, ok) => {
    const path = field === "matchName" ? NAME : PATTERN;
    const pattern = field === "matchName" ? "^([-a-zA-Z0-9_]+[.]?)+$" : "^([-a-zA-Z0-9_*]+[.]?)+$";
    expect(causes(fqdn({ [field]: value }))).toEqual(
      ok ? [] : [`${path}: Invalid value: ${JSON.stringify(value)}: ${path} in body should match '${pattern}'`],
    );
  });

  test.each([
    ["80", true],
    ["65535", true],
    ["http", true],
    ["my-port", true],
    // the CRD's `^…|…$` quirk: the number branch is anchored only at the start, the name branch only at the end
    ["80abc!", true],
    ["!abc", true],
    ["-", false],
    ["!", false],
    ["-8", false],
  ])("port %j valid: %s", (value, ok) => {
    expect(
      causes(port(value)).some((c) =>
        c.startsWith(`${PORT}: Invalid value: ${JSON.stringify(value)}: ${PORT} in body should match '^(6553[0-5]`),
      ),
    ).toBe(!ok);
  });

  test("patterns are an unanchored search, as OpenAPI's", () => {
    expect(patternMatches("b", "abc")).toBe(true);
    expect(patternMatches("^b", "abc")).toBe(false);
  });

  // A backtracking engine needs longer than the universe for these; RE2 is linear in the input.
  test("hostile values of 100,000 characters are decided at once", () => {
    const long = `${"a".repeat(100_000)}!`;
    for (const [sel, path] of [
      [{ matchName: long }, NAME],
      [{ matchPattern: long }, PATTERN],
    ] as const) {
      const c = causes(fqdn(sel));
      expect(c).toHaveLength(1);
      expect(c[0]).toMatch(new RegExp(`^${path.replace(/[.[\]]/g, "\\$&")}: Invalid value: "a{10}`));
    }
    expect(causes(port(`${"a-".repeat(50_000)}!`)).some((c) => c.startsWith(`${PORT}: Invalid value:`))).toBe(true);
    expect(causes(fqdn({ matchName: `${"a.".repeat(50_000)}com` }))).toEqual([]);
  });
});
