import { describe, expect, it } from "vitest";
import { yamlContext } from "./yaml-context";

const at = (t: string) => yamlContext(t.replace("|", ""), t.indexOf("|"));

const HEAD = "apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n  name: x\nspec:\n";

describe("yamlContext", () => {
  it("finds the key path from indentation, through kubectl-style lists", () => {
    expect(at(HEAD + "  endpointSelector:\n    matchLabels:\n      cl|").path).toEqual([
      "spec",
      "endpointSelector",
      "matchLabels",
    ]);
    expect(at(HEAD + "  ingress:\n  - fromEndpoints:\n    - matchLabels:\n        org: empire\n    to|")).toMatchObject(
      { path: ["spec", "ingress", "[]"], word: "to", mode: "key" },
    );
    expect(at(HEAD + "  ingress:\n    - fromEndpoints:\n        - matchLabels:\n            o|").path).toEqual([
      "spec",
      "ingress",
      "[]",
      "fromEndpoints",
      "[]",
      "matchLabels",
    ]);
    expect(at(HEAD + "  egress:\n  - toEntities:\n    - wor|")).toMatchObject({
      path: ["spec", "egress", "[]", "toEntities", "[]"],
      word: "wor",
      mode: "key",
    });
    expect(at(HEAD + "  e|")).toMatchObject({ path: ["spec"], word: "e", kind: "CiliumNetworkPolicy" });
  });

  it("knows a value is being typed, and for which key", () => {
    expect(at("kind: Cil|")).toMatchObject({ path: [], mode: "value", key: "kind", word: "Cil" });
    expect(at(HEAD + '  ingress:\n  - toPorts:\n    - ports:\n      - port: "80"\n        protocol: U|')).toMatchObject(
      { path: ["spec", "ingress", "[]", "toPorts", "[]", "ports", "[]"], mode: "value", key: "protocol" },
    );
    expect(at(HEAD + "  endpointSelector:\n    matchLabels:\n      class: x|")).toMatchObject({
      path: ["spec", "endpointSelector", "matchLabels"],
      key: "class",
      word: "x",
    });
  });

  it("sees an empty document after ---", () => {
    expect(at("kind: Pod\n---\n|").emptyDoc).toBe(true);
    expect(at("kind: Pod\n---\n|").kind).toBeUndefined();
  });
});
