/**
 * Kubernetes ClusterNetworkPolicy (policy.networking.k8s.io/v1alpha2) through the tools: its CRD is not part of
 * Cilium's install, so the kind is unknown until `kubectl apply -f` of network-policy-api's CRD; then
 * kubectl apply/get/describe/delete work; `cnp` is CiliumNetworkPolicy's short name first, with kubectl's warning
 * (client-go restmapper shortcut.go); the agents ignore the policy until enable-k8s-cluster-network-policy is set
 * (`cilium config set` or helm `k8sClusterNetworkPolicy.enabled`), then the Admin tier decides first.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { evaluate, listObjects, parseScenario, policyStatus, replay } from "@/lib/cluster";
import { HeadlessLab } from "./transcript";

const root = fileURLToPath(new URL("../../", import.meta.url));
const scenarioText = readFileSync(`${root}content/scenarios/starwars.yaml`, "utf8");

const POLICY = `apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata:
  name: ground-xwing
spec:
  tier: Admin
  priority: 10
  subject:
    pods:
      namespaceSelector: {}
      podSelector:
        matchLabels:
          org: empire
  ingress:
  - name: no-alliance
    action: Deny
    from:
    - pods:
        namespaceSelector: {}
        podSelector:
          matchLabels:
            org: alliance
`;

const CRD_URL =
  "https://raw.githubusercontent.com/kubernetes-sigs/network-policy-api/v0.2.0/config/crd/standard/policy.networking.k8s.io_clusternetworkpolicies.yaml";

/** A lab with the ClusterNetworkPolicy CRD installed (unless `crd` is false). */
function lab(crd = true): HeadlessLab {
  const l = new HeadlessLab({ scenarioName: "starwars", scenarioText, seed: 3, files: { "cnp.yaml": POLICY } });
  if (crd) expect(l.run(`kubectl apply -f ${CRD_URL}`).exitCode).toBe(0);
  return l;
}

function xwingToDeathstar(l: HeadlessLab): { verdict: string; reason: string } {
  const r = evaluate(l.state.cluster, { from: "default/xwing", to: "default/deathstar", port: 80, protocol: "TCP" });
  if (!r.ok) throw new Error(r.error);
  return { verdict: r.verdict.verdict, reason: r.verdict.reason };
}

describe("ClusterNetworkPolicy CRD", () => {
  it("is not installed by default: apply, get and api-resources answer as for an unknown kind; cnp has no warning", () => {
    const l = lab(false);
    const a = l.run("kubectl apply -f cnp.yaml");
    expect(a.exitCode).toBe(1);
    expect(a.stdout).toBe("");
    expect(a.stderr).toBe(
      'error: resource mapping not found for name: "ground-xwing" namespace: "" from "cnp.yaml": no matches for kind "ClusterNetworkPolicy" in version "policy.networking.k8s.io/v1alpha2"\nensure CRDs are installed first\n',
    );
    const g = l.run("kubectl get clusternetworkpolicies");
    expect(g.exitCode).toBe(1);
    expect(g.stderr).toBe('error: the server doesn\'t have a resource type "clusternetworkpolicies"\n');
    expect(l.run("kubectl get cnp").stderr).toBe("No resources found in default namespace.\n");
    expect(l.run("kubectl api-resources").stdout).not.toContain("ClusterNetworkPolicy");
    expect(l.run("kubectl api-resources").stdout).toMatch(/^ciliumnetworkpolicies +cnp,ciliumnp /m);
  });

  it("kubectl apply -f network-policy-api's CRD installs it (once), and the journal replays it", () => {
    const l = lab(false);
    const r = l.run(`kubectl apply -f ${CRD_URL}`);
    expect(r.stdout).toBe(
      "customresourcedefinition.apiextensions.k8s.io/clusternetworkpolicies.policy.networking.k8s.io created\n",
    );
    expect(r.stderr).toBe("");
    expect(l.run(`kubectl apply -f ${CRD_URL}`).stdout).toBe(
      "customresourcedefinition.apiextensions.k8s.io/clusternetworkpolicies.policy.networking.k8s.io unchanged\n",
    );
    const c = l.run(`kubectl create -f ${CRD_URL}`);
    expect(c.exitCode).toBe(1);
    expect(c.stderr).toBe(
      `Error from server (AlreadyExists): error when creating "${CRD_URL}": customresourcedefinitions.apiextensions.k8s.io "clusternetworkpolicies.policy.networking.k8s.io" already exists\n`,
    );
    expect(l.run("kubectl apply -f cnp.yaml").stdout).toBe(
      "clusternetworkpolicy.policy.networking.k8s.io/ground-xwing created\n",
    );
    const ops = l.state.cluster.journal.map((o) => o.op);
    expect(ops.slice(-2)).toEqual(["apply", "apply"]);
    const sc = parseScenario("starwars", scenarioText);
    if (!sc.ok) throw new Error("scenario");
    const again = replay(sc.scenario, l.state.cluster.journal, l.state.cluster.deps);
    expect(again.failures).toEqual([]);
    expect(again.state.settings.clusterNetworkPolicyCrd).toBe(true);
    expect(listObjects(again.state, "clusternetworkpolicies").ok).toBe(true);
  });
});

describe("ClusterNetworkPolicy CRD in one file with a policy, and deleted", () => {
  it("kubectl maps every document first: the CRD is created, the policy in the same file is not", () => {
    const l = lab(false);
    l.run(`cat > both.yaml <<'EOF'
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: clusternetworkpolicies.policy.networking.k8s.io
---
${POLICY}EOF`);
    const r = l.run("kubectl apply -f both.yaml");
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe(
      "customresourcedefinition.apiextensions.k8s.io/clusternetworkpolicies.policy.networking.k8s.io created\n",
    );
    expect(r.stderr).toContain(
      'no matches for kind "ClusterNetworkPolicy" in version "policy.networking.k8s.io/v1alpha2"',
    );
    expect(l.run("kubectl apply -f both.yaml").stdout).toBe(
      "customresourcedefinition.apiextensions.k8s.io/clusternetworkpolicies.policy.networking.k8s.io unchanged\nclusternetworkpolicy.policy.networking.k8s.io/ground-xwing created\n",
    );
  });

  it("kubectl delete -f of the CRD removes the kind and every ClusterNetworkPolicy", () => {
    const l = lab();
    expect(l.run("kubectl apply -f cnp.yaml").exitCode).toBe(0);
    expect(l.run(`kubectl delete -f ${CRD_URL}`).stdout).toBe(
      'customresourcedefinition.apiextensions.k8s.io "clusternetworkpolicies.policy.networking.k8s.io" deleted\n',
    );
    expect(l.run("kubectl get clusternetworkpolicies").stderr).toBe(
      'error: the server doesn\'t have a resource type "clusternetworkpolicies"\n',
    );
    expect(l.run(`kubectl apply -f ${CRD_URL}`).exitCode).toBe(0);
    expect(l.run("kubectl get clusternetworkpolicies").stderr).toBe("No resources found\n");
    expect(l.run(`kubectl delete -f ${CRD_URL}`).exitCode).toBe(0);
    const again = l.run(`kubectl delete -f ${CRD_URL}`);
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toBe(
      `Error from server (NotFound): error when deleting "${CRD_URL}": customresourcedefinitions.apiextensions.k8s.io "clusternetworkpolicies.policy.networking.k8s.io" not found\n`,
    );
  });
});

describe("ClusterNetworkPolicy", () => {
  it("kubectl apply/get/describe/delete, columns NAME TIER PRIORITY AGE; cnp resolves to CiliumNetworkPolicy with a warning", () => {
    const l = lab();
    expect(l.run("kubectl apply -f cnp.yaml").stdout).toBe(
      "clusternetworkpolicy.policy.networking.k8s.io/ground-xwing created\n",
    );
    expect(l.run("kubectl get clusternetworkpolicies").stdout).toMatch(
      /^NAME +TIER +PRIORITY +AGE\nground-xwing +Admin +10 +\d+s\n$/,
    );
    expect(l.run("kubectl get clusternetworkpolicy ground-xwing -o jsonpath={.spec.tier}").stdout).toBe("Admin");
    const short = l.run("kubectl get cnp");
    expect(short.stderr).toBe(
      'Warning: short name "cnp" could also match lower priority resource clusternetworkpolicies.policy.networking.k8s.io\nNo resources found in default namespace.\n',
    );
    expect(l.run("kubectl get clusternetworkpolicies.policy.networking.k8s.io").stderr).toBe("");
    expect(l.run("kubectl api-resources").stdout).toMatch(
      /^clusternetworkpolicies +cnp +policy\.networking\.k8s\.io\/v1alpha2 +false +ClusterNetworkPolicy$/m,
    );
    expect(l.run("kubectl describe clusternetworkpolicy ground-xwing").stdout).toMatch(/^Name: +ground-xwing$/m);
    expect(l.run("kubectl delete clusternetworkpolicy ground-xwing").stdout).toBe(
      'clusternetworkpolicy.policy.networking.k8s.io "ground-xwing" deleted\n',
    );
  });

  it("the API server rejects what the standard-channel CRD does not allow", () => {
    const l = lab();
    l.run(`cat > bad.yaml <<'EOF'
${POLICY.replace("  - name: no-alliance\n", "  - name: no-alliance\n    protocols:\n    - tcp:\n        destinationPort:\n          range:\n            start: 90\n            end: 80\n").replace("tier: Admin", "tier: Cluster")}EOF`);
    const r = l.run("kubectl apply -f bad.yaml");
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('The ClusterNetworkPolicy "ground-xwing" is invalid: ');
    expect(r.stderr).toContain('spec.tier: Unsupported value: "Cluster": supported values: "Admin", "Baseline"');
    expect(r.stderr).toContain(
      'spec.ingress[0].protocols[0].tcp.destinationPort.range: Invalid value: "object": Start port must be less than End port',
    );
  });

  it("ignored while enable-k8s-cluster-network-policy is off; cilium config set and helm turn it on", () => {
    const l = lab();
    expect(l.run("kubectl apply -f cnp.yaml").exitCode).toBe(0);
    const off = xwingToDeathstar(l);
    expect(off.verdict).toBe("allowed");
    expect(off.reason).toMatch(
      /ClusterNetworkPolicy ground-xwing selects default\/deathstar-[a-z0-9-]+ but is ignored: the agents ignore ClusterNetworkPolicies while enable-k8s-cluster-network-policy is off/,
    );
    expect(policyStatus(l.state.cluster).find((p) => p.name === "ground-xwing")?.warnings).toEqual([
      expect.stringContaining("enable-k8s-cluster-network-policy=true"),
    ]);
    expect(l.run("cilium config view").stdout).not.toContain("enable-k8s-cluster-network-policy");
    expect(l.run("cilium config set enable-k8s-cluster-network-policy true").exitCode).toBe(0);
    expect(l.run("cilium config view").stdout).toMatch(/^enable-k8s-cluster-network-policy\s+true$/m);
    const on = xwingToDeathstar(l);
    expect(on.verdict).toBe("dropped");
    expect(on.reason).toContain(
      'ClusterNetworkPolicy ground-xwing ingress[0] (rule "no-alliance") in the Admin tier (priority 10): Deny',
    );
    expect(policyStatus(l.state.cluster).find((p) => p.name === "ground-xwing")?.warnings).toEqual([]);
    // Hubble: dropped like a deny rule, attributed to the ClusterNetworkPolicy by its own name.
    expect(l.run("kubectl exec xwing -- curl -s --connect-timeout 1 deathstar").exitCode).toBe(28);
    const h = l.run("hubble observe --from-pod default/xwing --print-policy-names --last 2").stdout;
    expect(h).toMatch(
      /policy-verdict:L3-Only INGRESS DENIED BY ground-xwing \(ClusterNetworkPolicy\) \(TCP Flags: SYN\)\n/,
    );
    expect(h).toContain("Policy denied by denylist DROPPED");
    expect(l.run("helm upgrade cilium cilium/cilium -n kube-system").exitCode).toBe(0);
    expect(xwingToDeathstar(l).verdict).toBe("allowed");
    expect(
      l.run(
        "helm upgrade cilium cilium/cilium -n kube-system --reuse-values --set k8sClusterNetworkPolicy.enabled=true",
      ).exitCode,
    ).toBe(0);
    expect(xwingToDeathstar(l).verdict).toBe("dropped");
  });
});
