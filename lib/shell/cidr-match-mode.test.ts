/**
 * policy-cidr-match-mode through the tools (Documentation/security/policy/language.rst, "Selecting nodes
 * with CIDR / ipBlock"): `cilium config set policy-cidr-match-mode nodes` and helm's list value
 * `policyCIDRMatchMode` both land in cilium-config, and a CIDR rule naming a node's IP starts (or stops)
 * matching that node.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { evaluate } from "@/lib/cluster";
import { HeadlessLab } from "./transcript";

const root = fileURLToPath(new URL("../../", import.meta.url));
const scenarioText = readFileSync(`${root}content/scenarios/starwars.yaml`, "utf8");

// kind-control-plane's InternalIP in the starwars scenario.
const POLICY = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: xwing-to-node
spec:
  endpointSelector:
    matchLabels:
      class: xwing
  egress:
  - toCIDR:
    - 172.18.0.2/32
`;

function lab(): HeadlessLab {
  const l = new HeadlessLab({ scenarioName: "starwars", scenarioText, seed: 3, files: { "p.yaml": POLICY } });
  expect(l.run("kubectl get nodes -o wide").stdout).toMatch(/^kind-control-plane .* 172\.18\.0\.2 /m);
  expect(l.run("kubectl apply -f p.yaml").exitCode).toBe(0);
  return l;
}

function toNode(l: HeadlessLab): string {
  const r = evaluate(l.state.cluster, {
    from: "default/xwing",
    to: "node:kind-control-plane",
    port: 22,
    protocol: "TCP",
  });
  if (!r.ok) throw new Error(r.error);
  return r.verdict.verdict;
}

describe("policy-cidr-match-mode", () => {
  it("cilium config set: empty by default (CIDR rules never match nodes), nodes makes them match", () => {
    const l = lab();
    expect(l.run("cilium config view").stdout).toMatch(/^policy-cidr-match-mode\s*$/m);
    expect(toNode(l)).toBe("dropped");
    expect(l.run("cilium config set policy-cidr-match-mode nodes").stdout).toBe(
      "✨ Patching ConfigMap cilium-config with policy-cidr-match-mode=nodes...\n♻️  Restarted Cilium pods\n",
    );
    expect(l.run("cilium config view").stdout).toMatch(/^policy-cidr-match-mode\s+nodes$/m);
    expect(toNode(l)).toBe("allowed");
  });

  it("helm upgrade --set policyCIDRMatchMode={nodes}; without --reuse-values it resets", () => {
    const l = lab();
    expect(
      l.run("helm upgrade cilium cilium/cilium -n kube-system --reuse-values --set policyCIDRMatchMode={nodes}")
        .exitCode,
    ).toBe(0);
    expect(l.run("kubectl -n kube-system get cm cilium-config -o jsonpath={.data.policy-cidr-match-mode}").stdout).toBe(
      "nodes",
    );
    expect(toNode(l)).toBe("allowed");
    expect(l.run("helm upgrade cilium cilium/cilium -n kube-system").exitCode).toBe(0);
    expect(toNode(l)).toBe("dropped");
    expect(
      l.run("helm upgrade cilium cilium/cilium -n kube-system --reuse-values --set policyCIDRMatchMode={pods}")
        .exitCode,
    ).toBe(0);
    expect(l.run("cilium config view").stdout).toMatch(/^policy-cidr-match-mode\s+pods$/m);
    expect(toNode(l)).toBe("dropped");
    const bad = l.run(
      "helm upgrade cilium cilium/cilium -n kube-system --reuse-values --set policyCIDRMatchMode=world",
    );
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toContain('policyCIDRMatchMode.0 must be one of the following: "nodes", "pods"');
  });
});
