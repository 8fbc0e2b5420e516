/** Test helpers (lib/grading tests): a cluster from a content scenario with manifests applied, and a tiny challenge builder. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { apply, createCluster, parseScenario, setSettings, type ClusterState, type Scenario } from "@/lib/cluster";
import { parseChallengeChecks, type Challenge } from "@/lib/grading";

const ROOT = path.resolve(import.meta.dirname, "../..");

export const deps = (): { clock: () => number; random: () => number } => {
  let a = 7;
  return {
    clock: () => Date.UTC(2026, 0, 15, 10, 0, 0),
    random: () => {
      a = (a * 16807) % 2147483647;
      return a / 2147483647;
    },
  };
};

const scenarios = new Map<string, Scenario>();

export function scenario(name: string): Scenario {
  const hit = scenarios.get(name);
  if (hit) return hit;
  const parsed = parseScenario(name, readFileSync(path.join(ROOT, "content", "scenarios", `${name}.yaml`), "utf8"));
  if (!parsed.ok) throw new Error(parsed.diagnostics.map((d) => d.message).join("\n"));
  scenarios.set(name, parsed.scenario);
  return parsed.scenario;
}

/**
 * The scenario's cluster with `manifests` applied (throws on schema errors: fixtures must be right);
 * `clusterNetworkPolicyCrd`: with the ClusterNetworkPolicy CRD installed first.
 */
export function lab(name: string, manifests = "", opts: { clusterNetworkPolicyCrd?: boolean } = {}): ClusterState {
  const created = createCluster(scenario(name), deps());
  const state = opts.clusterNetworkPolicyCrd ? setSettings(created, { clusterNetworkPolicyCrd: true }).state : created;
  if (manifests.trim() === "") return state;
  const r = apply(state, manifests, { source: "fixture.yaml" });
  const errors = r.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new Error(errors.map((d) => d.message).join("\n"));
  return r.state;
}

/** A challenge on a content scenario from checks.yaml text. */
export function challenge(scenarioName: string, checksYaml: string, slug = "test-challenge"): Challenge {
  const parsed = parseChallengeChecks(checksYaml);
  if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
  return { slug, scenario: scenario(scenarioName), checks: parsed.checks };
}

/** The demo's L3/L4 rule: the deathstar accepts org=empire on 80/TCP. */
export const RULE1 = `apiVersion: cilium.io/v2
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
