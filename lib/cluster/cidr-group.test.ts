/**
 * CiliumCIDRGroup lifecycle (Documentation/network/kubernetes/ciliumcidrgroup.rst): a policy may name a
 * group before it exists (it matches nothing), and verdicts follow the group as it is created, changed
 * and deleted — the policy itself is never touched. `kubectl get ccg` lists it (NAME, AGE: the CRD has no
 * printer columns); a group without externalCIDRs is rejected by the API server.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { apply, createCluster, deleteFromText, evaluate, scenarioFromCase, type ClusterState } from "@/lib/cluster";
import { HeadlessLab } from "@/lib/shell/transcript";

const c = JSON.parse(readFileSync(resolve(process.cwd(), "lib/cluster/cases/130-cidr-group.json"), "utf8")) as {
  policies: string[];
};
const [POLICY, GROUP] = c.policies as [string, string];
const NARROW = GROUP.replace("198.51.100.0/24", "198.51.100.128/25");

function start(): ClusterState {
  const sc = scenarioFromCase(c);
  if (!sc.ok) throw new Error(sc.error);
  return createCluster(sc.scenario, { clock: () => 1_750_000_000_000, random: () => 0.5 });
}
const verdict = (s: ClusterState) => {
  const r = evaluate(s, { from: "default/client", to: "external:partner", port: 443, protocol: "TCP" });
  if (!r.ok) throw new Error(r.error);
  return r.verdict.verdict;
};

describe("CiliumCIDRGroup", () => {
  it("verdicts follow the group: missing, created, narrowed, deleted", () => {
    let s = apply(start(), POLICY, { source: "p.yaml" }).state;
    expect(verdict(s)).toBe("dropped");
    const created = apply(s, GROUP, { source: "g.yaml" });
    expect(created.ok).toBe(true);
    expect(created.outcomes[0]?.line).toBe("ciliumcidrgroup.cilium.io/partners created");
    s = created.state;
    expect(verdict(s)).toBe("allowed");
    s = apply(s, NARROW, { source: "g.yaml" }).state;
    expect(verdict(s)).toBe("dropped");
    s = apply(s, GROUP, { source: "g.yaml" }).state;
    expect(verdict(s)).toBe("allowed");
    const del = deleteFromText(s, GROUP, { source: "g.yaml" });
    expect(del.outcomes[0]?.line).toBe('ciliumcidrgroup.cilium.io "partners" deleted');
    expect(verdict(del.state)).toBe("dropped");
  });

  it("the API server requires spec.externalCIDRs and checks each is a CIDR", () => {
    const noList = apply(start(), "apiVersion: cilium.io/v2\nkind: CiliumCIDRGroup\nmetadata:\n  name: g\nspec: {}\n", {
      source: "g.yaml",
    });
    expect(noList.ok).toBe(false);
    expect(noList.diagnostics.map((d) => d.message).join("\n")).toContain("spec.externalCIDRs: Required value");
    const bad = apply(
      start(),
      "apiVersion: cilium.io/v2\nkind: CiliumCIDRGroup\nmetadata:\n  name: g\nspec:\n  externalCIDRs: [not-a-cidr]\n",
      { source: "g.yaml" },
    );
    expect(bad.ok).toBe(false);
  });

  it("kubectl get ccg / ciliumcidrgroups", () => {
    const scenarioText = readFileSync(resolve(process.cwd(), "content/scenarios/starwars.yaml"), "utf8");
    const lab = new HeadlessLab({ scenarioName: "starwars", scenarioText, seed: 3, files: { "g.yaml": GROUP } });
    expect(lab.run("kubectl get ccg").stderr).toBe("No resources found\n");
    expect(lab.run("kubectl apply -f g.yaml").stdout).toBe("ciliumcidrgroup.cilium.io/partners created\n");
    expect(lab.run("kubectl get ciliumcidrgroups").stdout).toMatch(/^NAME\s+AGE\npartners\s+\d+s\n$/);
    expect(lab.run("kubectl get ccg partners -o jsonpath={.spec.externalCIDRs}").stdout).toBe(
      '["198.51.100.0/24","10.244.1.10/32"]',
    );
  });
});
