/** Cilium's DNS patterns on a linear matcher: the semantics of the regex they used to compile to, without its run time. */
import { describe, expect, test } from "vitest";
import { dnsNameMatches, dnsPattern } from "./dns";
import { mulberry32, pick } from "./fixtures/prng";

const matches = (pattern: string, name: string, exact = false) => dnsNameMatches(dnsPattern(pattern, exact), name);

/** The RegExp the patterns compiled to before (pkg/fqdn/matchpattern's translation): the reference on short inputs. */
function reference(pattern: string, exact: boolean): RegExp {
  const escape = (s: string) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
  const n = pattern.trim().toLowerCase();
  const p = n.endsWith(".") ? n.slice(0, -1) : n;
  if (exact) return new RegExp(`^${escape(p)}$`);
  if (p === "*") return /^.+$/;
  const sub = p.startsWith("**.");
  const body = escape(sub ? p.slice(3) : p).replace(/\*/g, "[-a-zA-Z0-9_]*");
  return new RegExp(`^${sub ? "(?:[-a-zA-Z0-9_]+\\.)+" : ""}${body}$`);
}

describe("DNS patterns", () => {
  test.each([
    ["*.cilium.io", "docs.cilium.io", true],
    ["*.cilium.io", "cilium.io", false],
    ["*.cilium.io", "a.b.cilium.io", false],
    ["*.cilium.io", "DOCS.Cilium.IO.", true],
    ["*", "anything.at.all", true],
    ["**.cilium.io", "a.b.cilium.io", true],
    ["**.cilium.io", "docs.cilium.io", true],
    ["**.cilium.io", "cilium.io", false],
    ["**.cilium.io", ".cilium.io", false],
    ["api-*.example.com", "api-v2.example.com", true],
    ["api-*.example.com", "api-.example.com", true],
    ["api-*.example.com", "api.example.com", false],
    ["*x*.default.svc.cluster.local", "box.default.svc.cluster.local", true],
    ["*x*.default.svc.cluster.local", "bo.default.svc.cluster.local", false],
    ["sub.*.io", "sub..io", true],
  ])("%s ~ %s → %s", (pattern, name, want) => {
    expect(matches(pattern, name)).toBe(want);
    expect(reference(pattern, false).test(name.trim().toLowerCase().replace(/\.$/, ""))).toBe(want);
  });

  test("matchName is exact and case-insensitive", () => {
    expect(matches("api.github.com", "API.github.com.", true)).toBe(true);
    expect(matches("api.github.com", "xapi.github.com", true)).toBe(false);
    expect(matches("*.github.com", "api.github.com", true)).toBe(false);
    expect(matches("*.github.com", "*.github.com", true)).toBe(true);
  });

  test("agrees with the regex translation on 4,000 generated patterns and names", () => {
    const rnd = mulberry32(10);
    const alphabet = ["a", "b", "-", "_", ".", "*", "*", "x"];
    const word = (n: number, chars: readonly string[]) =>
      Array.from({ length: 1 + Math.floor(rnd() * n) }, () => pick(rnd, chars)).join("");
    const disagreements: string[] = [];
    for (let i = 0; i < 4000; i++) {
      const pattern = (rnd() < 0.2 ? "**." : "") + word(8, alphabet);
      const name = word(10, ["a", "b", "x", "-", ".", "_"]);
      const normalized = name.trim().toLowerCase().replace(/\.$/, "");
      if (matches(pattern, name) !== reference(pattern, false).test(normalized))
        disagreements.push(`${pattern} ~ ${name}`);
    }
    expect(disagreements).toEqual([]);
  });

  // issue 10: `*************************x.default.svc.cluster.local` took seconds against one name as a V8
  // regex, about doubling with each star; the automaton is linear in the name, whatever the stars.
  test("hostile patterns and names match without backtracking", () => {
    const stars = `${"*".repeat(25)}x.default.svc.cluster.local`;
    expect(matches(stars, `${"a".repeat(40)}.default.svc.cluster.local`)).toBe(false);
    expect(matches(stars, `${"a".repeat(40)}x.default.svc.cluster.local`)).toBe(true);
    // a hundred stars between literals: polynomial of degree 100 for a backtracking engine
    expect(matches(`${"*a".repeat(100)}!`, "a".repeat(253))).toBe(false);
    expect(matches(`${"*a".repeat(100)}`, "a".repeat(253))).toBe(true);
    // a pattern longer than any name it could match, and a very long name against a short pattern
    expect(matches(`${"*a".repeat(100_000)}`, "a".repeat(253))).toBe(false);
    expect(matches(`**.${"*".repeat(1000)}b`, `${"a.".repeat(50_000)}ab`)).toBe(true);
    expect(matches(`**.${"*".repeat(1000)}b`, `${"a.".repeat(50_000)}a!`)).toBe(false);
  });
});
