/** YAML syntax errors worded and numbered as kubectl 1.34 prints them (go-yaml v2 behind sigs.k8s.io/yaml). */
import { describe, expect, test } from "vitest";
import { decodeManifests } from "./yaml";

const err = (text: string): string | undefined => decodeManifests(text, "f.yaml").error?.message;
const P = "error: error parsing f.yaml: error converting YAML to JSON: yaml: ";

describe("decodeManifests errors", () => {
  test("a scanner error reports the 1-based line of the problem", () => {
    const text =
      "apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n  name: broken\nspec:\n  endpointSelector: matchLabels: {}\n";
    expect(err(text)).toBe(`${P}line 6: mapping values are not allowed in this context`);
  });
  test("go-yaml prints no line for a problem on the first line", () => {
    expect(err("a: b: c\n")).toBe(`${P}mapping values are not allowed in this context`);
  });
  test("lines count from the start of the failing document (kubectl splits on ---)", () => {
    const text = "a: 1\nb: 2\n---\nc: 3\nd: e: f\n";
    expect(err(text)).toBe(`${P}line 2: mapping values are not allowed in this context`);
    expect(decodeManifests(text, "f.yaml").docs).toHaveLength(1);
    expect(err(`---\n${text}`)).toBe(`${P}line 2: mapping values are not allowed in this context`);
  });
  test("parser errors name go-yaml's 0-based line (the line above the bad one)", () => {
    expect(err("spec:\n  endpointSelector:\n    matchLabels:\n      org: empire\n   ingress:\n  - {}\n")).toBe(
      `${P}line 4: did not find expected key`,
    );
    expect(err("a:\n  - x\n  y: 1\n")).toBe(`${P}line 2: did not find expected '-' indicator`);
  });
  test("an alias inside the node its anchor names is refused as go-yaml does, never a circular value", () => {
    expect(err("a: &a [*a]\n")).toBe(`${P}anchor 'a' value contains itself`);
    expect(err("a: &a\n  b: *a\n")).toBe(`${P}anchor 'a' value contains itself`);
    expect(err("spec: &s\n  ingress:\n  - fromEndpoints: [*s]\n")).toBe(`${P}anchor 's' value contains itself`);
    // an alias of an anchor defined beside it (not around it) is fine, also when used twice
    const ok = decodeManifests("a: &a [1]\nb: [*a, *a]\n", "f.yaml");
    expect(ok.error).toBeUndefined();
    expect(ok.docs[0]?.value).toEqual({ a: [1], b: [[1], [1]] });
  });
  test("a tab used as indentation", () => {
    expect(err("spec:\n\tfoo: 1\n")).toBe(`${P}line 2: found character that cannot start any token`);
  });
  test("a plain line without a colon inside a mapping", () => {
    expect(err("a: 1\nfoo\nb: 2\n")).toBe(`${P}line 3: could not find expected ':'`);
  });
});
