/**
 * A policy's `log.value` and `hubble observe --print-policy-names` (issue 13): Hubble's flow carries the
 * allowing rules' log in `policy_log` (cilium/cilium#39902), only on flows they allowed; the compact,
 * table and dict printers append ` BY name (Kind)` to ALLOWED / DENIED policy verdicts (hubble printer
 * formatPolicyNames); AUDITED verdicts and default-deny drops name no policy (Hubble cannot attribute them).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { HeadlessLab } from "./transcript";

const root = fileURLToPath(new URL("../../", import.meta.url));
const scenarioText = readFileSync(`${root}content/scenarios/starwars.yaml`, "utf8");
const CURL = (who: string) =>
  `kubectl exec ${who} -- curl -s --connect-timeout 2 -XPOST deathstar.default.svc.cluster.local/v1/request-landing`;

function cnp(name: string, body: string): string {
  return `kubectl apply -f - <<EOF\napiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n  name: ${name}\nspec:\n${body}EOF`;
}
const LANDING = cnp(
  "landing",
  `  endpointSelector:\n    matchLabels:\n      class: deathstar\n  ingress:\n  - fromEndpoints:\n    - matchLabels:\n        org: empire\n  log:\n    value: landing\n`,
);
const TIE_EGRESS = cnp(
  "tie-out",
  `  endpointSelector:\n    matchLabels:\n      class: tiefighter\n  egress:\n  - toEndpoints:\n    - matchLabels:\n        class: deathstar\n  - toEndpoints:\n    - matchLabels:\n        k8s:io.kubernetes.pod.namespace: kube-system\n  log:\n    value: tie-out\n`,
);
const NO_XWING = cnp(
  "no-xwing",
  `  endpointSelector:\n    matchLabels:\n      class: deathstar\n  ingressDeny:\n  - fromEndpoints:\n    - matchLabels:\n        class: xwing\n  log:\n    value: denylist\n`,
);

const lab = () => new HeadlessLab({ scenarioName: "starwars", scenarioText, seed: 5 });
const json = (l: HeadlessLab, filter: string) =>
  l
    .run(`hubble observe ${filter} -o json`)
    .stdout.trim()
    .split("\n")
    .filter((x) => x !== "")
    .map((x) => (JSON.parse(x) as { flow: Record<string, unknown> }).flow);

describe("policy log and policy names in Hubble", () => {
  for (const order of [
    [LANDING, TIE_EGRESS],
    [TIE_EGRESS, LANDING],
  ]) {
    it(`each direction's verdict carries the log of the rule that allowed it (${order.length} policies, either order)`, () => {
      const l = lab();
      for (const p of order) expect(l.run(p).exitCode).toBe(0);
      expect(l.run(CURL("tiefighter")).stdout).toBe("Ship landed\n");
      const verdicts = json(l, "--from-pod default/tiefighter --type policy-verdict --last 2");
      const byDir = Object.fromEntries(verdicts.map((f) => [f.traffic_direction, f]));
      expect(byDir.EGRESS?.policy_log).toEqual(["tie-out"]);
      expect(byDir.EGRESS?.egress_allowed_by).toEqual([
        { name: "tie-out", namespace: "default", kind: "CiliumNetworkPolicy" },
      ]);
      expect(byDir.INGRESS?.policy_log).toEqual(["landing"]);
      const text = l.run(
        "hubble observe --from-pod default/tiefighter --type policy-verdict --last 2 --print-policy-names",
      ).stdout;
      expect(text).toContain("policy-verdict:L3-Only EGRESS ALLOWED BY tie-out (CiliumNetworkPolicy) (TCP Flags: SYN)");
      expect(text).toContain(
        "policy-verdict:L3-Only INGRESS ALLOWED BY landing (CiliumNetworkPolicy) (TCP Flags: SYN)",
      );
      expect(l.run("hubble observe --from-pod default/tiefighter --type policy-verdict --last 2").stdout).not.toContain(
        " BY ",
      );
    });
  }

  it("a deny rule's drop names its policy but carries no policy_log; a default-deny drop names nothing", () => {
    const l = lab();
    l.run(LANDING);
    expect(l.run(CURL("xwing")).exitCode).not.toBe(0);
    const dd = json(l, "--from-pod default/xwing --type policy-verdict --last 1")[0];
    expect(dd?.verdict).toBe("DROPPED");
    expect(dd).not.toHaveProperty("ingress_denied_by");
    expect(dd).not.toHaveProperty("policy_log");
    expect(
      l.run("hubble observe --from-pod default/xwing --type policy-verdict --last 1 --print-policy-names").stdout,
    ).toMatch(/policy-verdict:none INGRESS DENIED \(TCP Flags: SYN\)\n$/);
    l.run(NO_XWING);
    expect(l.run(CURL("xwing")).exitCode).not.toBe(0);
    const denied = json(l, "--from-pod default/xwing --type policy-verdict --last 1")[0];
    expect(denied?.ingress_denied_by).toEqual([
      { name: "no-xwing", namespace: "default", kind: "CiliumNetworkPolicy" },
    ]);
    expect(denied).not.toHaveProperty("policy_log");
    expect(
      l.run("hubble observe --from-pod default/xwing --type policy-verdict --last 1 --print-policy-names -o dict")
        .stdout,
    ).toContain("    VERDICT: DENIED BY no-xwing (CiliumNetworkPolicy)\n");
  });

  it("AUDITED verdicts print no policy names", () => {
    const l = lab();
    l.run(LANDING);
    l.run("cilium config set policy-audit-mode true");
    expect(l.run(CURL("xwing")).stdout).toBe("Ship landed\n");
    expect(
      l.run("hubble observe --from-pod default/xwing --type policy-verdict --last 1 --print-policy-names").stdout,
    ).toMatch(/INGRESS AUDITED \(TCP Flags: SYN\)\n$/);
  });

  it("log.value is limited to 32 printable characters by the CRD", () => {
    const l = lab();
    const long = cnp("chatty", `  endpointSelector: {}\n  egress:\n  - {}\n  log:\n    value: ${"x".repeat(33)}\n`);
    expect(l.run(long).stderr).toBe(
      'The CiliumNetworkPolicy "chatty" is invalid: spec.log.value: Too long: may not be more than 32 bytes\n',
    );
    const ok = cnp("chatty", `  endpointSelector: {}\n  egress:\n  - {}\n  log:\n    value: ${"x".repeat(32)}\n`);
    expect(l.run(ok).exitCode).toBe(0);
    const tab = cnp("tabbed", `  endpointSelector: {}\n  egress:\n  - {}\n  log:\n    value: "a\\tb"\n`);
    expect(l.run(tab).stderr).toContain(
      "spec.log.value: Invalid value: \"a\\tb\": spec.log.value in body should match '^\\PC*$'",
    );
  });
});
