import { describe, expect, it } from "vitest";
import { setSettings } from "@/lib/cluster";
import { RULE1, lab } from "@/lib/testing/grading-fixtures";
import { evaluateCheck, evaluateObjectives } from "./evaluate";
import { checkSchema, type Check } from "./schema";
import type { FlowDetail, SettingDetail } from "./types";

const ctx = (manifests = "", history: string[] = []) => ({ cluster: lab("starwars-fleet", manifests), history });
const check = (c: unknown): Check => checkSchema.parse(c);
const flows = (...f: unknown[]): Check => check({ type: "flows", flows: f });

describe("flows", () => {
  it("passes when every flow gets its verdict, and explains each with the engine's reason", () => {
    const out = evaluateCheck(
      ctx(RULE1),
      flows(
        { from: "default/tiefighter", to: "svc:default/deathstar", port: 80, expect: "allowed" },
        { from: "default/xwing", to: "svc:default/deathstar", port: 80, expect: "dropped" },
      ),
    );
    expect(out.passed).toBe(true);
    const [ok, drop] = out.details as FlowDetail[];
    expect(ok).toMatchObject({ kind: "flow", passed: true, expected: "allowed", actual: "allowed" });
    expect(drop?.reason).toMatch(/default-deny.*rule1/);
  });

  it("fails with expected vs actual when a verdict differs", () => {
    const out = evaluateCheck(
      ctx(),
      flows({ from: "default/xwing", to: "svc:default/deathstar", port: 80, expect: "dropped" }),
    );
    expect(out.passed).toBe(false);
    expect(out.details[0]).toMatchObject({ passed: false, expected: "dropped", actual: "allowed" });
  });

  it("requires EVERY pod of a multi-pod ref to meet the expectation, and names the pair that missed", () => {
    // Each deathstar pod may reach only its own node (`host`): one replica per worker, so one pair each way.
    const hostOnly = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: { name: ds-host }
spec:
  endpointSelector: { matchLabels: { class: deathstar } }
  egress:
  - toEntities: [host]
`;
    const c = ctx(hostOnly);
    for (const verdict of ["allowed", "dropped"] as const) {
      const out = evaluateCheck(
        c,
        flows({ from: "default/deathstar", to: "node:kind-worker", port: 10250, expect: verdict }),
      );
      expect(out.passed).toBe(false);
      const d = out.details[0] as FlowDetail;
      expect(d.pair?.to).toBe("node/kind-worker");
      expect(d.reason).toMatch(/1 of 2 pairs missed/);
    }
  });

  it("checks snatIP and egress-gateway use when the flow asks", () => {
    const c = { cluster: lab("egress-gateway"), history: [] };
    const out = evaluateCheck(
      c,
      flows({
        from: "default/tiefighter",
        to: "external:outpost",
        port: 80,
        expect: "allowed",
        snatIP: "10.0.4.12",
        egressGateway: true,
      }),
    );
    expect(out.passed).toBe(false);
    expect(out.details[0]).toMatchObject({
      expectedSnatIP: "10.0.4.12",
      expectedEgressGateway: true,
      actualEgressGateway: false,
    });
    expect((out.details[0] as FlowDetail).actualSnatIP).not.toBe("10.0.4.12");
  });

  it("reports an unknown ref as an error, never throws", () => {
    const out = evaluateCheck(
      ctx(),
      flows({ from: "default/nobody", to: "svc:default/deathstar", port: 80, expect: "allowed" }),
    );
    expect(out.passed).toBe(false);
    expect(out.details[0]).toMatchObject({ actual: "error" });
  });
});

describe("command", () => {
  it("matches history lines with RE2 (unanchored)", () => {
    const c = check({ type: "command", match: "^kubectl get (ciliumidentities|ciliumid)\\b" });
    expect(evaluateCheck(ctx("", ["ls", "kubectl get ciliumidentities --show-labels"]), c)).toMatchObject({
      passed: true,
      details: [{ line: "kubectl get ciliumidentities --show-labels" }],
    });
    expect(evaluateCheck(ctx("", ["kubectl get pods"]), c).passed).toBe(false);
  });

  it("a catastrophic-backtracking pattern on a long line finishes at once (RE2 is linear)", () => {
    const c = check({ type: "command", match: "^(a+)+$" });
    const line = `${"a".repeat(50_000)}!`;
    const started = performance.now();
    expect(evaluateCheck(ctx("", [line]), c).passed).toBe(false);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it("rejects a pattern RE2 cannot compile at parse time", () => {
    expect(checkSchema.safeParse({ type: "command", match: "(?<=x)y" }).success).toBe(false);
  });
});

describe("audited flows", () => {
  const xwing = { from: "default/xwing", to: "svc:default/deathstar", port: 80 };
  const tie = { from: "default/tiefighter", to: "svc:default/deathstar", port: 80 };
  const audit = (patch: Parameters<typeof setSettings>[1]) => {
    const cluster = setSettings(lab("starwars-fleet", RULE1), patch).state;
    return { cluster, history: [] };
  };

  it("tells a flow audit mode forwarded from one policy allows", () => {
    const c = audit({ policyAuditMode: true });
    expect(evaluateCheck(c, flows({ ...xwing, expect: "allowed", audited: true })).passed).toBe(true);
    expect(evaluateCheck(c, flows({ ...tie, expect: "allowed", audited: false })).passed).toBe(true);
    const wrong = evaluateCheck(c, flows({ ...xwing, expect: "allowed", audited: false }));
    expect(wrong.passed).toBe(false);
    expect(wrong.details[0]).toMatchObject({ expectedAudited: false, actualAudited: true, actual: "allowed" });
  });

  it("without audit mode the same flow is dropped, and never audited", () => {
    const c = ctx(RULE1);
    expect(evaluateCheck(c, flows({ ...xwing, expect: "allowed", audited: true })).passed).toBe(false);
    expect(evaluateCheck(c, flows({ ...xwing, expect: "dropped", audited: false })).passed).toBe(true);
  });

  it("audits only the endpoints put in audit mode one by one", () => {
    // One deathstar replica in audit mode: the xwing's flow is audited there and dropped at the other.
    const c = audit({ auditEndpoints: ["default/deathstar-86f85ffb4d-7d86t"] });
    const out = evaluateCheck(c, flows({ ...xwing, expect: "allowed", audited: true }));
    expect(out.passed).toBe(false);
    expect((out.details[0] as FlowDetail).pair?.to).toMatch(/deathstar-86f85ffb4d-dxp9z/);
    const one = { from: "default/xwing", to: "default/deathstar-86f85ffb4d-7d86t", port: 80 };
    expect(evaluateCheck(c, flows({ ...one, expect: "allowed", audited: true })).passed).toBe(true);
  });
});

describe("policy log", () => {
  const tagged = `${RULE1}  log:
    value: empire-landing
`;
  const tie = { from: "default/tiefighter", to: "svc:default/deathstar", port: 80, expect: "allowed" };

  it("passes when a rule that allowed the flow carries the log value, and reports what Hubble shows", () => {
    expect(evaluateCheck(ctx(tagged), flows({ ...tie, policyLog: "empire-landing" })).passed).toBe(true);
    const wrong = evaluateCheck(ctx(tagged), flows({ ...tie, policyLog: "diplomatic-landing" }));
    expect(wrong.passed).toBe(false);
    expect(wrong.details[0]).toMatchObject({
      expectedPolicyLog: "diplomatic-landing",
      actualPolicyLogs: ["empire-landing"],
    });
  });

  it("an untagged policy, or a flow that is not allowed, has no policy log", () => {
    const untagged = evaluateCheck(ctx(RULE1), flows({ ...tie, policyLog: "empire-landing" }));
    expect(untagged.details[0]).toMatchObject({ passed: false, actualPolicyLogs: [] });
    const xwing = { from: "default/xwing", to: "svc:default/deathstar", port: 80, expect: "dropped" };
    expect(evaluateCheck(ctx(tagged), flows({ ...xwing, policyLog: "empire-landing" })).passed).toBe(false);
  });
});

describe("resource and setting", () => {
  const broken = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: { name: broken }
spec:
  endpointSelector: { matchLabels: { class: deathstar } }
  ingress:
  - toPorts:
    - ports: [{ port: "99999" }]
`;
  it("finds objects by kind, namespace, name, labels and validity", () => {
    const c = ctx(`${RULE1}---\n${broken}`);
    expect(evaluateCheck(c, check({ type: "resource", kind: "cnp", name: "rule1", valid: true })).passed).toBe(true);
    expect(
      evaluateCheck(c, check({ type: "resource", kind: "CiliumNetworkPolicy", valid: false })).details[0],
    ).toMatchObject({ passed: true, found: ["CiliumNetworkPolicy default/broken"] });
    expect(
      evaluateCheck(
        c,
        check({
          type: "resource",
          kind: "Pod",
          namespace: "default",
          labels: { org: "alliance" },
          count: { min: 2, max: 2 },
        }),
      ).passed,
    ).toBe(true);
    expect(
      evaluateCheck(c, check({ type: "resource", kind: "Pod", labels: { org: "alliance" }, count: { max: 1 } })).passed,
    ).toBe(false);
    expect(
      evaluateCheck(c, check({ type: "resource", kind: "ciliumegressgatewaypolicies", count: { max: 0 } })).passed,
    ).toBe(true);
  });

  it("compares settings", () => {
    const c = ctx();
    expect(evaluateCheck(c, check({ type: "setting", enforcementMode: "default", hostFirewall: false })).passed).toBe(
      true,
    );
    const out = evaluateCheck(c, check({ type: "setting", enforcementMode: "always" }));
    expect(out).toMatchObject({
      passed: false,
      details: [{ field: "enforcementMode", expected: "always", actual: "default" }],
    });
  });

  it("compares the agent-wide policy audit mode", () => {
    expect(evaluateCheck(ctx(), check({ type: "setting", policyAuditMode: false })).passed).toBe(true);
    const on = { cluster: setSettings(lab("starwars-fleet"), { policyAuditMode: true }).state, history: [] };
    const out = evaluateCheck(on, check({ type: "setting", policyAuditMode: false }));
    expect(out).toMatchObject({
      passed: false,
      details: [{ field: "policyAuditMode", expected: false, actual: true }],
    });
    expect((out.details[0] as SettingDetail).message).toMatch(
      /policy-audit-mode\) is enabled agent-wide, expected disabled/,
    );
  });
});

describe("constraints", () => {
  const world = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: { name: open }
spec:
  endpointSelector: { matchLabels: { class: xwing } }
  egress:
  - toEntities: [all]
  - toCIDRSet: [{ cidr: 0.0.0.0/0 }]
`;
  const hostPolicies = `apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: { name: by-endpoint }
spec:
  endpointSelector: { matchLabels: { "reserved:host": "" } }
  ingress: [{ fromEntities: [cluster] }]
`;
  const good = `apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: { name: by-node }
spec:
  nodeSelector: { matchLabels: { kubernetes.io/os: linux } }
  ingress: [{ fromEntities: [cluster] }]
`;
  const run = (manifests: string, c: unknown) => evaluateCheck(ctx(manifests), check(c));

  it("only-kinds and max-policies", () => {
    expect(run(RULE1, { type: "constraint", rule: "only-kinds", kinds: ["CiliumNetworkPolicy"] }).passed).toBe(true);
    expect(
      run(good, { type: "constraint", rule: "only-kinds", kinds: ["CiliumNetworkPolicy"] }).details[0],
    ).toMatchObject({ passed: false, violations: [expect.stringContaining("CiliumClusterwideNetworkPolicy by-node")] });
    expect(run(`${RULE1}---\n${good}`, { type: "constraint", rule: "max-policies", max: 1 }).passed).toBe(false);
    expect(
      run(`${RULE1}---\n${good}`, { type: "constraint", rule: "max-policies", max: 1, kinds: ["CiliumNetworkPolicy"] })
        .passed,
    ).toBe(true);
  });

  it("no-entity counts `all` as world; no-cidr flags CIDRs covering the forbidden one", () => {
    expect(run(world, { type: "constraint", rule: "no-entity", entity: "world" }).details[0]).toMatchObject({
      passed: false,
      violations: [expect.stringContaining('"all"')],
    });
    expect(run(RULE1, { type: "constraint", rule: "no-entity", entity: "world" }).passed).toBe(true);
    expect(run(world, { type: "constraint", rule: "no-cidr", cidr: "0.0.0.0/0" }).passed).toBe(false);
    expect(run(world, { type: "constraint", rule: "no-cidr", cidr: "10.0.5.50/32" }).passed).toBe(false);
    expect(run(RULE1, { type: "constraint", rule: "no-cidr", cidr: "0.0.0.0/0" }).passed).toBe(true);
  });

  it("a ClusterNetworkPolicy is a policy to only-kinds, and its networks peer to no-cidr", () => {
    const run = (manifests: string, c: unknown) =>
      evaluateCheck(
        { cluster: lab("starwars-fleet", manifests, { clusterNetworkPolicyCrd: true }), history: [] },
        check(c),
      );
    const tiered = `apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: { name: open-egress }
spec:
  tier: Admin
  priority: 10
  subject: { namespaces: {} }
  egress: [{ action: Accept, to: [{ networks: [0.0.0.0/0] }] }]
`;
    expect(
      run(`${RULE1}---\n${tiered}`, { type: "constraint", rule: "only-kinds", kinds: ["CiliumNetworkPolicy"] })
        .details[0],
    ).toMatchObject({ passed: false, violations: [expect.stringContaining("ClusterNetworkPolicy open-egress")] });
    expect(run(tiered, { type: "constraint", rule: "no-cidr", cidr: "0.0.0.0/0" }).details[0]).toMatchObject({
      passed: false,
      violations: ["ClusterNetworkPolicy open-egress: networks 0.0.0.0/0 covers 0.0.0.0/0"],
    });
  });

  it("host-policy-uses-node-selector rejects reserved:host endpointSelectors and needs a host policy", () => {
    expect(run("", { type: "constraint", rule: "host-policy-uses-node-selector" }).details[0]).toMatchObject({
      passed: false,
      violations: [expect.stringMatching(/no host policy/)],
    });
    expect(run(hostPolicies, { type: "constraint", rule: "host-policy-uses-node-selector" }).passed).toBe(false);
    expect(run(good, { type: "constraint", rule: "host-policy-uses-node-selector" }).passed).toBe(true);
  });

  it("no-invalid-policies lists Cilium's message", () => {
    const bad = RULE1.replace('port: "80"', 'port: "80/TCP"');
    const out = run(bad, { type: "constraint", rule: "no-invalid-policies" });
    expect(out.details[0]).toMatchObject({
      passed: false,
      violations: [expect.stringMatching(/rule1: VALID=False: Unable to parse port/)],
    });
  });
});

describe("all, any and objectives", () => {
  const yes = { type: "setting", enforcementMode: "default" };
  const no = { type: "setting", enforcementMode: "never" };
  it("all needs every nested check, any needs one; details are concatenated", () => {
    expect(evaluateCheck(ctx(), check({ type: "all", checks: [yes, no] }))).toMatchObject({
      passed: false,
      details: [{ passed: true }, { passed: false }],
    });
    expect(evaluateCheck(ctx(), check({ type: "any", checks: [yes, no] })).passed).toBe(true);
  });

  it("evaluateObjectives returns name, passed and details in order", () => {
    const out = evaluateObjectives(ctx(RULE1), [
      {
        name: "empire-only",
        title: "Only the Empire",
        check: flows({ from: "default/xwing", to: "svc:default/deathstar", port: 80, expect: "dropped" }),
      },
      { name: "ran-get", title: "Ran kubectl get", check: check({ type: "command", match: "kubectl get" }) },
    ]);
    expect(out.map((o) => [o.name, o.passed])).toEqual([
      ["empire-only", true],
      ["ran-get", false],
    ]);
  });
});
