/**
 * Replay derives each snapshot's World from what the operation changed and compiles it only on demand
 * (issue 10: a journal of 2,000 applies was quadratic). The incremental World must be exactly the one a
 * full derivation gives, and every snapshot's compiled identity ids must be remembered, as before.
 */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { mulberry32 } from "@/lib/engine/fixtures/prng";
import { createCluster, parseScenario, type ClusterState, type Journal } from "@/lib/cluster";
import { runOp } from "./replay";
import { buildWorld, compiled } from "./store";

const scenario = (() => {
  const p = parseScenario("starwars", readFileSync("content/scenarios/starwars.yaml", "utf8"));
  if (!p.ok) throw new Error("starwars");
  return p.scenario;
})();
const deps = () => ({ clock: () => Date.UTC(2026, 0, 15, 10, 0, 0), random: mulberry32(11) });
const apply = (text: string): Journal[number] => ({ op: "apply", source: "STDIN", text });

const cnp = (name: string, port: number, ns = "default") => `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  endpointSelector:
    matchLabels:
      class: deathstar
  ingress:
  - fromCIDR: [10.${port % 250}.0.0/16]
  - fromEndpoints:
    - matchLabels:
        org: empire
    toPorts:
    - ports:
      - port: "${port}"
`;
const pod = (name: string, labels: string, ns = "default") =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: ${ns}\n  labels: {${labels}}\nspec:\n  containers:\n  - name: c\n    image: busybox:1.36\n`;

/** Every kind of change the World is derived from: policies, pods, namespaces, services, groups, settings. */
const journal: Journal = [
  apply(cnp("a", 80)),
  apply(`apiVersion: v1\nkind: Namespace\nmetadata:\n  name: rebels\n  labels: {side: alliance}\n`),
  apply(pod("p1", "class: probe, org: empire")),
  apply(pod("p2", "class: probe, org: alliance", "rebels")),
  apply(cnp("b", 443, "rebels")),
  apply(`${cnp("c", 8080)}---\n${cnp("d", 9090)}`),
  apply(cnp("a", 81)),
  {
    op: "label",
    type: "pod",
    names: ["p1"],
    labels: ["org=alliance"],
    overwrite: true,
  },
  { op: "label", type: "namespace", names: ["rebels"], labels: ["side=empire"], overwrite: true },
  apply(
    `apiVersion: v1\nkind: Service\nmetadata:\n  name: probes\nspec:\n  selector: {class: probe}\n  ports:\n  - port: 80\n`,
  ),
  apply(
    `apiVersion: cilium.io/v2\nkind: CiliumCIDRGroup\nmetadata:\n  name: outside\nspec:\n  externalCIDRs: [192.0.2.0/24]\n`,
  ),
  { op: "setting", settings: { policyAuditMode: true } },
  { op: "restart", type: "deployment", names: ["deathstar"] },
  { op: "delete", type: "cnp", names: ["c"] },
  { op: "delete", type: "pod", names: ["p1"] },
  { op: "delete", type: "namespace", names: ["rebels"] },
  apply(pod("p3", "class: probe, org: empire")),
  { op: "setting", settings: { policyAuditMode: false } },
];

describe("replay derives each World incrementally", () => {
  test("each snapshot's World equals a full derivation, and its identity ids are all kept", () => {
    let state: ClusterState = createCluster(scenario, deps());
    for (const [i, op] of journal.entries()) {
      const r = runOp(state, op);
      expect(r.ok, `op ${i} ${op.op}: ${r.diagnostics.map((d) => d.message).join("; ")}`).toBe(true);
      expect(r.state, `op ${i} changed nothing`).not.toBe(state);
      state = r.state;
      const full = buildWorld(new Map(state.objects), scenario, state.settings, state.world.pinnedIdentities);
      expect(state.world, `op ${i} ${op.op}`).toEqual(full);
      for (const [key, id] of compiled(state).identities.allocations)
        expect(state.identityAllocations.get(key), `op ${i}: identity ${key}`).toBe(id);
    }
  });

  test("an apply that changes no group the World is made of keeps its parts", () => {
    const s0 = runOp(createCluster(scenario, deps()), apply(cnp("a", 80))).state;
    const s1 = runOp(s0, apply(cnp("b", 81))).state;
    expect(s1.world.pods).toBe(s0.world.pods);
    expect(s1.world.nodes).toBe(s0.world.nodes);
    expect(s1.world.policies).not.toBe(s0.world.policies);
    expect(s1.world.policies.map((p) => p.name)).toEqual(["a", "b"]);
  });
});
