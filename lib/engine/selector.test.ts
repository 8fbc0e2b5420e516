/** Label selectors: apimachinery semantics (NotIn / DoesNotExist on an absent key), Cilium sources, kubectl -l syntax. */
import { describe, expect, test } from "vitest";
import { indexLabels, type Label } from "./labels";
import { fromRawSelector, selectorMatches, type RawLabelSelector } from "./selector";
import { parseSelectorString } from "./selector-syntax";

const k8s = (m: Record<string, string>): Label[] =>
  Object.entries(m).map(([key, value]) => ({ source: "k8s", key, value }));
const match = (sel: RawLabelSelector, labels: Label[]) => selectorMatches(fromRawSelector(sel), indexLabels(labels));

describe("matchExpressions truth table (cyclonus grid style)", () => {
  const pods = { none: {}, prod: { env: "prod" }, dev: { env: "dev" } } as const;
  const table: [string, RawLabelSelector, Record<keyof typeof pods, boolean>][] = [
    [
      "In",
      { matchExpressions: [{ key: "env", operator: "In", values: ["prod"] }] },
      { none: false, prod: true, dev: false },
    ],
    [
      "NotIn",
      { matchExpressions: [{ key: "env", operator: "NotIn", values: ["prod"] }] },
      { none: true, prod: false, dev: true },
    ],
    ["Exists", { matchExpressions: [{ key: "env", operator: "Exists" }] }, { none: false, prod: true, dev: true }],
    [
      "DoesNotExist",
      { matchExpressions: [{ key: "env", operator: "DoesNotExist" }] },
      { none: true, prod: false, dev: false },
    ],
    ["matchLabels", { matchLabels: { env: "prod" } }, { none: false, prod: true, dev: false }],
    ["empty", {}, { none: true, prod: true, dev: true }],
  ];
  for (const [name, sel, want] of table) {
    test(name, () => {
      for (const [pod, labels] of Object.entries(pods))
        expect([pod, match(sel, k8s(labels))]).toEqual([pod, want[pod as keyof typeof pods]]);
    });
  }
});

describe("Cilium label sources", () => {
  test("no prefix matches any source; k8s: only k8s; reserved: only reserved", () => {
    const host: Label[] = [{ source: "reserved", key: "host", value: "" }];
    expect(match({ matchLabels: { "reserved:host": "" } }, host)).toBe(true);
    expect(match({ matchLabels: { "k8s:host": "" } }, host)).toBe(false);
    expect(match({ matchLabels: { host: "" } }, host)).toBe(true);
    expect(match({ matchLabels: { "k8s:app": "web" } }, k8s({ app: "web" }))).toBe(true);
  });
});

describe("kubectl -l syntax", () => {
  const t = (s: string, labels: Record<string, string>) => {
    const r = parseSelectorString(s);
    if (!r.ok) throw new Error(r.error);
    return selectorMatches(r.selector, indexLabels(k8s(labels)));
  };
  test("operators", () => {
    expect(t("a=b", { a: "b" })).toBe(true);
    expect(t("a==b", { a: "b" })).toBe(true);
    expect(t("a!=b", {})).toBe(true);
    expect(t("a!=b", { a: "b" })).toBe(false);
    expect(t("e in (x,y)", { e: "y" })).toBe(true);
    expect(t("e notin (x,y)", {})).toBe(true);
    expect(t("f", { f: "" })).toBe(true);
    expect(t("!f", { f: "1" })).toBe(false);
    expect(t("a=b,c!=d,e in (x,y),!f", { a: "b", e: "x" })).toBe(true);
  });
  test("errors", () => {
    expect(parseSelectorString("a in x").ok).toBe(false);
    expect(parseSelectorString("a=b c").ok).toBe(false);
    const r = parseSelectorString("a=b!");
    expect(r.ok).toBe(false);
  });
});
