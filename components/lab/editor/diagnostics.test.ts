import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createCluster, parseScenario } from "@/lib/cluster";
import { LAB_EPOCH, seededRandom } from "@/lib/base/reproducible";
import { manifestDiagnostics } from "./diagnostics";

const text = readFileSync(path.resolve(import.meta.dirname, "../../../content/scenarios/starwars.yaml"), "utf8");
const parsed = parseScenario("starwars", text);
if (!parsed.ok) throw new Error("scenario");
const state = createCluster(parsed.scenario, { clock: () => LAB_EPOCH, random: seededRandom(1) });

/** 1-based line and column of an offset. */
function lc(s: string, at: number): [number, number] {
  const before = s.slice(0, at).split("\n");
  return [before.length, (before.at(-1)?.length ?? 0) + 1];
}

const base = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: rule1
spec:
  endpointSelector:
    matchLabels:
      class: deathstar
  ingress:
  - fromEndpoints:
    - matchLabels:
        org: empire
    toPorts:
    - ports:
      - port: "80"
        protocol: TCP
`;

describe("editor diagnostics", () => {
  it("a valid policy has none", () => {
    expect(manifestDiagnostics(state, base, "rule1.yaml")).toEqual([]);
  });

  it("an unknown field gets kubectl's strict decoding error on its key", () => {
    const bad = base.replace("  - fromEndpoints:", "  - fromEndpoint:");
    const [d, ...rest] = manifestDiagnostics(state, bad, "rule1.yaml");
    expect(rest).toEqual([]);
    expect(d?.message).toBe(
      'Error from server (BadRequest): error when creating "rule1.yaml": CiliumNetworkPolicy in version "v2" cannot be handled as a CiliumNetworkPolicy: strict decoding error: unknown field "spec.ingress[0].fromEndpoint"',
    );
    expect(lc(bad, d?.from ?? 0)).toEqual([10, 5]);
    expect(bad.slice(d?.from, d?.to)).toBe("fromEndpoint");
  });

  it("an invalid value is marked on the value, with the API server's cause", () => {
    const bad = base.replace("protocol: TCP", "protocol: HTTP");
    const [d] = manifestDiagnostics(state, bad, "rule1.yaml");
    expect(d?.message).toContain('spec.ingress[0].toPorts[0].ports[0].protocol: Unsupported value: "HTTP"');
    expect(bad.slice(d?.from, d?.to)).toBe("HTTP");
    expect(lc(bad, d?.from ?? 0)[0]).toBe(16);
  });

  it("YAML syntax errors carry kubectl's message at the parser's position", () => {
    const bad =
      "apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n  name: broken\nspec:\n  endpointSelector: matchLabels: {}\n";
    const [d] = manifestDiagnostics(state, bad, "bad.yaml");
    expect(d?.message).toMatch(
      /^error: error parsing bad\.yaml: error converting YAML to JSON: yaml: line 6: mapping values are not allowed in this context/,
    );
    expect(lc(bad, d?.from ?? 0)[0]).toBe(6);
  });

  it("trap warnings sit on the field they are about", () => {
    const fqdn = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: to-github
spec:
  endpointSelector:
    matchLabels:
      class: xwing
  egress:
  - toFQDNs:
    - matchName: api.github.com
`;
    const [d] = manifestDiagnostics(state, fqdn, "f.yaml");
    expect(d).toMatchObject({ severity: "warning", source: "trap" });
    expect(fqdn.slice(d?.from, d?.to)).toBe("toFQDNs");
  });

  it("Cilium's validation errors are errors on the policy", () => {
    const bad = base.replace(
      "        protocol: TCP\n",
      '        protocol: TCP\n      rules:\n        dns:\n        - matchPattern: "*"\n',
    );
    const [d, ...rest] = manifestDiagnostics(state, bad, "rule1.yaml");
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ severity: "error", source: "cilium" });
    expect(d?.message).toContain("L7 protocol DNS is not supported on ingress yet");
    expect(bad.slice(d?.from, d?.to)).toBe("dns");
  });
});
