/** Table-driven rule tests over the fixture zoo; every multi-policy row runs under every order of its policies. */
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { policyKey } from "./brand";
import { compileWorld } from "./compile/compiled";
import { evaluateFlow, type FlowSpec } from "./flow";
import { FIXTURES, type FixtureName } from "./fixtures/policies";
import type { PodModel, PolicyKind, PolicyObject, World } from "./model";

const pod = (ns: string, name: string, labels: Record<string, string>, node: string, ip: string): PodModel => ({
  name, namespace: ns, labels, node, ip, hostNetwork: false, serviceAccount: "default", ports: [{ name: "http", port: 8080, protocol: "TCP" }],
});

function world(names: readonly FixtureName[], mode: World["settings"]["enforcementMode"] = "default"): World {
  const policies: PolicyObject[] = names.map((n) => {
    const o = parse(FIXTURES[n]) as { kind: PolicyKind; metadata: { name: string; namespace?: string }; spec: unknown };
    const ns = o.kind === "CiliumClusterwideNetworkPolicy" ? undefined : o.metadata.namespace;
    return { key: policyKey(o.kind, ns, o.metadata.name), kind: o.kind, namespace: ns, name: o.metadata.name, uid: n, spec: o.spec };
  });
  return {
    clusterName: "default",
    nodes: ["n1", "n2"].map((n, i) => ({ name: n, ip: `192.168.0.${i + 1}`, labels: {}, podCIDR: `10.0.${i}.0/24`, interfaces: [], defaultRouteInterface: "eth0", listeners: [] })),
    namespaces: [{ name: "default", labels: { "kubernetes.io/metadata.name": "default" } }, { name: "ops", labels: { "kubernetes.io/metadata.name": "ops", team: "ops" } }],
    pods: [
      pod("default", "frontend", { role: "frontend" }, "n1", "10.0.0.10"),
      pod("default", "backend", { role: "backend" }, "n2", "10.0.1.10"),
      pod("default", "batch", { role: "batch" }, "n1", "10.0.0.11"),
      pod("default", "admin", { role: "admin" }, "n1", "10.0.0.12"),
      pod("ops", "admin", { role: "admin" }, "n1", "10.0.0.13"),
      pod("ops", "tool", { role: "tool" }, "n2", "10.0.1.13"),
    ],
    services: [],
    externals: [{ name: "internet", ip: "203.0.113.9", hostnames: [], kubeApiserver: false }],
    settings: { enforcementMode: mode, hostFirewall: false, egressGateway: false },
    policies,
    pinnedIdentities: new Map(),
  };
}

type Row = [string, FixtureName[], [from: string, to: string, port: number, expect: string, http?: FlowSpec["http"]][]];
const TO = "default/backend";
const ROWS: Row[] = [
  ["no policy: everything allowed", [], [["default/batch", TO, 8080, "allowed"]]],
  ["L3/L4 allow", ["allow-frontend"], [["default/frontend", TO, 8080, "allowed"], ["default/frontend", TO, 9090, "dropped"], ["default/batch", TO, 8080, "dropped"], ["external:internet", TO, 8080, "dropped"]]],
  ["deny beats allow-all", ["allow-all-ingress", "deny-8080-from-batch"], [["default/batch", TO, 8080, "dropped"], ["default/batch", TO, 8081, "allowed"], ["external:internet", TO, 8080, "allowed"]]],
  ["three-way: allow + deny + L7", ["allow-frontend", "deny-8080-from-batch", "l7-get-only"], [["default/frontend", TO, 8080, "allowed", { method: "POST", path: "/x" }], ["default/batch", TO, 8080, "dropped"]]],
  ["CNP ingress: [{}] is default deny", ["deny-all-cnp"], [["default/frontend", TO, 8080, "dropped"], ["default/backend", "default/frontend", 8080, "dropped"]]],
  ["enableDefaultDeny false: only denies bite", ["no-default-deny"], [["default/batch", TO, 8080, "dropped"], ["default/frontend", TO, 8080, "allowed"]]],
  ["port range", ["port-range"], [["default/batch", TO, 8000, "allowed"], ["default/batch", TO, 8090, "allowed"], ["default/batch", TO, 8091, "dropped"]]],
  ["namespace-qualified peer", ["other-ns-peer"], [["ops/tool", TO, 8080, "allowed"], ["default/admin", TO, 8080, "dropped"]]],
  ["KNP: ns+pod in one peer = AND", ["knp-combined-peer"], [["ops/admin", TO, 8080, "allowed"], ["ops/tool", TO, 8080, "dropped"], ["default/admin", TO, 8080, "dropped"]]],
  ["KNP: two peers = OR", ["knp-separate-peers"], [["ops/admin", TO, 8080, "allowed"], ["ops/tool", TO, 8080, "allowed"], ["default/admin", TO, 8080, "allowed"], ["default/batch", TO, 8080, "dropped"]]],
  ["L7: regex anchored, headers", ["l7-get-only"], [
    ["default/frontend", TO, 8080, "allowed", { method: "GET", path: "/api/v1/x", headers: { "x-team": "blue" } }],
    ["default/frontend", TO, 8080, "denied-l7", { method: "GET", path: "/api/v1/x" }],
    ["default/frontend", TO, 8080, "denied-l7", { method: "GET", path: "/v2/api/v1/x", headers: { "X-Team": "blue" } }],
    ["default/frontend", TO, 8080, "denied-l7", { method: "GETX", path: "/api/v1/x", headers: { "X-Team": "blue" } }],
    ["default/frontend", TO, 8080, "allowed"],
  ]],
  ["an L3-only allow lifts L7 for that peer", ["l7-get-only", "l3-only-frontend"], [["default/frontend", TO, 8080, "allowed", { method: "DELETE", path: "/" }]]],
];

function permutations<T>(xs: T[]): T[][] {
  if (xs.length <= 1) return [xs];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}

describe("rules", () => {
  for (const [name, fixtures, flows] of ROWS) {
    test(name, () => {
      for (const order of permutations(fixtures)) {
        const c = compileWorld(world(order));
        for (const [from, to, port, want, http] of flows) {
          const r = evaluateFlow(c, { from, to, port, http });
          if (!r.ok) throw new Error(r.error);
          expect({ order, from, to, port, http, verdict: r.verdict.verdict }).toEqual({ order, from, to, port, http, verdict: want });
        }
      }
    });
  }
});

describe("enforcement modes", () => {
  test("always: default deny everywhere; never: nothing enforced", () => {
    const always = compileWorld(world([], "always"));
    expect(evaluateFlow(always, { from: "default/batch", to: "default/frontend", port: 8080 })).toMatchObject({ verdict: { verdict: "dropped" } });
    const never = compileWorld(world(["deny-all-cnp", "deny-8080-from-batch"], "never"));
    expect(evaluateFlow(never, { from: "default/batch", to: TO, port: 8080 })).toMatchObject({ verdict: { verdict: "allowed" } });
  });
});

describe("reachability grid (cyclonus style)", () => {
  test("KNP with two peers, port 8080: rows = from, columns = to", () => {
    const c = compileWorld(world(["knp-separate-peers"]));
    const pods = c.world.pods.map((p) => `${p.namespace}/${p.name}`).sort();
    const grid = pods.map((from) => pods.map((to) => {
      if (from === to) return "-";
      const r = evaluateFlow(c, { from, to, port: 8080 });
      return r.ok && r.verdict.verdict === "allowed" ? "." : "X";
    }).join(""));
    // columns: default/admin default/backend default/batch default/frontend ops/admin ops/tool
    expect(grid).toEqual([
      "-.....", // default/admin  → backend allowed (podSelector role=admin, same namespace)
      ".-....", // default/backend
      ".X-...", // default/batch  → backend dropped
      ".X.-..", // default/frontend → backend dropped
      "....-.", // ops/admin (namespace team=ops) → allowed
      ".....-", // ops/tool (namespace team=ops) → allowed
    ]);
  });
});
