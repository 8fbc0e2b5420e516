/**
 * The lab's views of ClusterNetworkPolicy tiers: the editor's impact preview of a ClusterNetworkPolicy file is
 * empty while enable-k8s-cluster-network-policy is off (the agents ignore it) and shows the Admin Deny once it
 * is on (the impact preview runs the same engine as the verdicts).
 */
import { describe, expect, it } from "vitest";
import { setSettings } from "@/lib/cluster";
import { lab } from "@/lib/testing/grading-fixtures";
import { impactLine, impactOfManifest } from ".";

/** The Star Wars lab with the ClusterNetworkPolicy CRD installed (it is not by default). */
const starwars = () => lab("starwars", "", { clusterNetworkPolicyCrd: true });

const GROUND = `apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata:
  name: ground-xwing
spec:
  tier: Admin
  priority: 10
  subject:
    namespaces: {}
  egress:
  - name: no-landing
    action: Deny
    to:
    - pods:
        podSelector:
          matchLabels:
            class: deathstar
    protocols:
    - tcp:
        destinationPort:
          number: 80
`;

describe("ClusterNetworkPolicy in the insight views", () => {
  it("impact preview: nothing while the flag is off, newly dropped flows once it is on", () => {
    const off = impactOfManifest(starwars(), GROUND, "ground.yaml");
    if (!off.ok) throw new Error(off.diagnostics.map((d) => d.message).join("\n"));
    expect(off.impact.all).toEqual([]);
    const on = impactOfManifest(setSettings(starwars(), { clusterNetworkPolicy: true }).state, GROUND, "ground.yaml");
    if (!on.ok) throw new Error(on.diagnostics.map((d) => d.message).join("\n"));
    const lines = on.impact.rows.map(impactLine);
    expect(lines).toContain(
      "default/xwing → svc:default/deathstar TCP/80: allowed → dropped (and its 4 HTTP requests)",
    );
    expect(lines).toContain(
      "default/tiefighter → svc:default/deathstar TCP/80: allowed → dropped (and its 4 HTTP requests)",
    );
    for (const row of on.impact.all) expect(row.change).toBe("newly-dropped");
  });
});
