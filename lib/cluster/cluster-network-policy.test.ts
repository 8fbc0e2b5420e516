/**
 * ClusterNetworkPolicy tiers: the quick verdict (grading, impact preview, matrix counts) and the explained verdict
 * (lab explain, Hubble, the Flows view) agree on every pod pair of the tier cases, on every port the cases use,
 * under every order of the policies; and an audited endpoint forwards what a tier Deny would drop.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { apply, compiledState, createCluster, scenarioFromCase, setSettings, type ClusterState } from "@/lib/cluster";
import { evaluatePair, quickVerdict } from "@/lib/engine/verdict";
import type { Party } from "@/lib/engine";

const CASES = [
  "150-cluster-network-policy-admin-tier",
  "151-cluster-network-policy-baseline-tier",
  "152-cluster-network-policy-networks",
  "153-cluster-network-policy-flag-off",
];

function load(id: string, order?: (ps: string[]) => string[]): ClusterState {
  const c = JSON.parse(readFileSync(resolve(process.cwd(), `lib/cluster/cases/${id}.json`), "utf8")) as {
    policies: string[];
  };
  const sc = scenarioFromCase(c);
  if (!sc.ok) throw new Error(sc.error);
  let state = createCluster(sc.scenario, { clock: () => 1_750_000_000_000, random: () => 0.5 });
  (order ? order(c.policies) : c.policies).forEach(
    (p, i) => (state = apply(state, p, { source: `policy-${i + 1}.yaml` }).state),
  );
  return state;
}

describe("ClusterNetworkPolicy tiers", () => {
  for (const id of CASES)
    test(`${id}: quickVerdict = evaluatePair on every pod pair, forwards and reversed`, () => {
      for (const order of [(ps: string[]) => ps, (ps: string[]) => [...ps].reverse()]) {
        const c = compiledState(load(id, order));
        const parties: Party[] = [
          ...c.world.pods.filter((p) => !p.hostNetwork).map((pod) => ({ kind: "pod" as const, pod })),
          ...c.world.externals.map((e) => ({ kind: "world" as const, ip: e.ip })),
        ];
        let n = 0;
        for (const src of parties)
          for (const dst of parties) {
            if (src === dst || (src.kind === "world" && dst.kind === "world")) continue;
            for (const [port, proto] of [
              [80, "TCP"],
              [443, "TCP"],
              [8080, "TCP"],
              [53, "UDP"],
            ] as const) {
              const inp = { src, dst: { party: dst, port }, srcPort: 40000, proto, l7: {}, names: new Map() };
              expect({ port, v: quickVerdict(c, inp) }).toEqual({ port, v: evaluatePair(c, inp).verdict });
              n++;
            }
          }
        expect(n).toBeGreaterThan(100);
      }
    });

  test("policy audit mode forwards a flow an Admin Deny would drop, and says so", () => {
    const state = setSettings(load("150-cluster-network-policy-admin-tier"), { policyAuditMode: true }).state;
    const c = compiledState(state);
    const pod = (ns: string, name: string) => {
      const p = c.world.pods.find((x) => x.namespace === ns && x.name === name);
      if (!p) throw new Error(name);
      return { kind: "pod" as const, pod: p };
    };
    const inp = {
      src: pod("default", "other"),
      dst: { party: pod("default", "web"), port: 80 },
      srcPort: 40000,
      proto: "TCP" as const,
      l7: {},
      names: new Map(),
    };
    const v = evaluatePair(c, inp);
    expect(v.verdict).toBe("allowed");
    expect(v.audited).toBe(true);
    expect(v.reason).toContain("ClusterNetworkPolicy admin-deny-other ingress[0]");
    expect(quickVerdict(c, inp)).toBe("allowed");
  });
});
