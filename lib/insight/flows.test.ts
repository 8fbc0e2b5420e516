import { describe, expect, it } from "vitest";
import { GOLDEN_FILES, STARWARS_TEXT } from "@/lib/testing/golden";
import { HeadlessLab } from "@/lib/shell/transcript";
import { clusterGraph, draftAllowPolicy, explainFlow, flowRows, graphShape, podDetails } from ".";

function session() {
  const lab = new HeadlessLab({ scenarioName: "starwars", scenarioText: STARWARS_TEXT, files: GOLDEN_FILES, seed: 7 });
  lab.run("kubectl apply -f sw_l3_l4_policy.yaml");
  lab.run(
    "kubectl exec xwing -- curl -s --connect-timeout 2 -XPOST deathstar.default.svc.cluster.local/v1/request-landing",
  );
  lab.run("kubectl exec tiefighter -- curl -s -XPOST deathstar.default.svc.cluster.local/v1/request-landing");
  return lab.state.cluster;
}

describe("flow rows", () => {
  const state = session();
  const rows = flowRows(state.flows, new Map());

  it("one row per decision, each with the flow to ask the engine about", () => {
    const drop = rows.find((r) => r.summary === "Policy denied" && r.source === "default/xwing");
    expect(drop).toMatchObject({
      summary: "Policy denied",
      port: 80,
      protocol: "TCP",
      flow: { from: "default/xwing", port: 80, protocol: "TCP" },
    });
    expect(drop?.flow?.to).toMatch(/^default\/deathstar-86f85ffb4d-/);
    // The lookup before the connection (not proxied: no DNS rule) is a UDP/53 delivery to a kube-dns pod.
    const dns = rows.find((r) => r.port === 53 && r.source === "default/xwing");
    expect(dns).toMatchObject({ verdict: "forwarded", summary: "to-endpoint", flow: { port: 53, protocol: "UDP" } });
    expect(dns?.flow?.to).toMatch(/^kube-system\/coredns-/);
    expect(rows.every((r) => r.summary !== "to-proxy")).toBe(true);
  });

  it("Explain and Allow this on a row answer for that flow", () => {
    const drop = rows.find((r) => r.verdict === "dropped" && r.source === "default/xwing");
    if (!drop?.flow) throw new Error("no drop");
    const ex = explainFlow(state, drop.flow);
    expect(ex.ok && ex.explanation.verdict.verdict).toBe("dropped");
    const d = draftAllowPolicy(state, drop.flow);
    expect(d.ok && d.policies).toEqual([{ namespace: "default", name: "allow-xwing-to-deathstar-80" }]);
  });
});

describe("the map's graph", () => {
  const state = session();
  it("groups pods by namespace and colours observed flows by verdict", () => {
    const g = clusterGraph(state);
    expect(g.groups[0]).toBe("default");
    expect(g.nodes.filter((n) => n.group === "default").map((n) => n.label)).toEqual([
      "deathstar-86f85ffb4d-7d86t",
      "deathstar-86f85ffb4d-dxp9z",
      "tiefighter",
      "xwing",
    ]);
    const fromX = g.edges.filter((e) => e.source === "default/xwing" && e.target.startsWith("default/deathstar"));
    expect(fromX.map((e) => e.verdict)).toContain("dropped");
    const fromT = g.edges.filter((e) => e.source === "default/tiefighter" && e.target.startsWith("default/deathstar"));
    expect(fromT.every((e) => e.verdict === "forwarded")).toBe(true);
  });

  it("its shape (what the layout depends on) ignores flow counts, not endpoints or edges", () => {
    const g = clusterGraph(state);
    const twice = clusterGraph(state, [...state.flows, ...state.flows]);
    expect(twice.edges.map((e) => e.count)).toEqual(g.edges.map((e) => e.count * 2));
    expect(graphShape(twice)).toBe(graphShape(g));
    expect(graphShape(clusterGraph(state, []))).not.toBe(graphShape(g));
    const withoutXwing = { ...g, nodes: g.nodes.filter((n) => n.id !== "default/xwing"), edges: [] };
    expect(graphShape(withoutXwing)).not.toBe(graphShape({ ...g, edges: [] }));
  });

  it("a pod's details name its identity and the policies selecting it", () => {
    const d = podDetails(state, "default/deathstar-86f85ffb4d-7d86t");
    expect(d).toMatchObject({
      identity: 4916,
      policies: [{ name: "CiliumNetworkPolicy default/rule1", directions: ["ingress"] }],
    });
    expect(d?.labels).toContain("k8s:class=deathstar");
    expect(podDetails(state, "default/xwing")?.policies).toEqual([]);
  });
});
