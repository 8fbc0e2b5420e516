import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { apply, type ClusterState, createCluster, evaluate, parseScenario } from "@/lib/cluster";
import { readCatalog } from "@/lib/content/catalog";
import { readLabFiles } from "@/lib/content/lab-files";
import { seededRandom, LAB_EPOCH } from "@/lib/base/reproducible";
import { HeadlessLab, splitCommands } from "@/lib/shell/transcript";
import {
  catalogue,
  draftAllowPolicy,
  explainFlow,
  explanationLines,
  impactBetween,
  impactLine,
  impactOfManifest,
  probeFlow,
  probeVerdict,
  reachability,
  verdictContext,
  type Probe,
} from ".";

const ROOT = path.resolve(import.meta.dirname, "../..");
const scenarioText = (name: string) => readFileSync(path.join(ROOT, "content", "scenarios", `${name}.yaml`), "utf8");

function cluster(name: string): ClusterState {
  const parsed = parseScenario(name, scenarioText(name));
  if (!parsed.ok) throw new Error(parsed.diagnostics.map((d) => d.message).join("\n"));
  return createCluster(parsed.scenario, { clock: () => LAB_EPOCH, random: seededRandom(3) });
}

const RULE1 = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: rule1
spec:
  endpointSelector:
    matchLabels:
      org: empire
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

const RULE1_L7 =
  RULE1 +
  `      rules:
        http:
        - method: POST
          path: /v1/request-landing
`;

describe("impact diff", () => {
  it("an L3/L4 rule newly drops the xwing and nothing the empire keeps", () => {
    const before = cluster("starwars");
    const r = impactOfManifest(before, RULE1, "rule1.yaml");
    if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join("\n"));
    const lines = r.impact.rows.map(impactLine);
    // The same request straight to a backend is folded into the Service's row, HTTP requests into their L4 row.
    expect(lines).not.toContain("default/xwing → default/deathstar-86f85ffb4d-7d86t TCP/80: allowed → dropped");
    expect(r.impact.all.map(impactLine)).toContain(
      "default/xwing → default/deathstar-86f85ffb4d-7d86t (+1) TCP/80: allowed → dropped",
    );
    expect(lines).toContain(
      "default/xwing → svc:default/deathstar TCP/80: allowed → dropped (and its 4 HTTP requests)",
    );
    expect(lines.some((l) => l.startsWith("default/tiefighter →"))).toBe(false);
    // Everything the rule changes is ingress to the deathstar on TCP/80 (other ports of the deathstar: it listens on 80 only).
    for (const row of r.impact.all) {
      expect(row.change).toBe("newly-dropped");
      expect(row.probe.to.name).toMatch(/deathstar/);
    }
    // The nodes keep reaching the deathstar on their own node (allow-localhost) and the remote one is dropped.
    const all = r.impact.all.map(impactLine);
    expect(all).toContain("node:kind-worker2 → default/deathstar-86f85ffb4d-7d86t TCP/80: allowed → dropped");
    expect(all).not.toContain("node:kind-worker → default/deathstar-86f85ffb4d-7d86t TCP/80: allowed → dropped");
    expect(r.impact.compared).toBeGreaterThan(r.impact.rows.length);
  });

  it("an L7 rule on top newly denies the other HTTP requests at L7, per route", () => {
    const with1 = apply(cluster("starwars"), RULE1, { source: "rule1.yaml" }).state;
    const r = impactOfManifest(with1, RULE1_L7, "rule1-l7.yaml");
    if (!r.ok) throw new Error("apply failed");
    const lines = r.impact.rows.map(impactLine);
    expect(lines).toContain(
      "default/tiefighter → svc:default/deathstar TCP/80 PUT /v1/exhaust-port: allowed → denied-l7",
    );
    expect(lines.some((l) => l.includes("POST /v1/request-landing"))).toBe(false);
    expect(r.impact.rows.every((x) => x.change === "newly-denied-l7" && x.probe.http !== undefined)).toBe(true);
  });

  it("deleting a policy shows the reverse diff; applying the same thing twice changes nothing", () => {
    const a = cluster("starwars");
    const b = apply(a, RULE1, { source: "rule1.yaml" }).state;
    const fwd = impactBetween(a, b).rows.map((r) => [r.probe.key, r.before, r.after]);
    const back = impactBetween(b, a).rows.map((r) => [r.probe.key, r.after, r.before]);
    expect(back).toEqual(fwd);
    const again = impactOfManifest(b, RULE1, "rule1.yaml");
    expect(again.ok && again.impact.rows).toEqual([]);
  });

  it("returns apply's own errors for a manifest kubectl would reject", () => {
    const r = impactOfManifest(cluster("starwars"), RULE1.replace("fromEndpoints", "fromEndpoint"), "bad.yaml");
    expect(r.ok).toBe(false);
    expect(r.diagnostics[0]?.message).toContain('strict decoding error: unknown field "spec.ingress[0].fromEndpoint"');
  });
});

describe("explain", () => {
  it("names the default deny, the policy behind it and the label that failed", () => {
    const s = apply(cluster("starwars"), RULE1, { source: "rule1.yaml" }).state;
    const r = explainFlow(s, { from: "default/xwing", to: "svc:default/deathstar", port: 80 });
    if (!r.ok) throw new Error(r.error);
    const ex = r.explanation;
    expect(ex.verdict.verdict).toBe("dropped");
    const ingress = ex.steps.find((x) => x.step.direction === "ingress");
    expect(ingress?.defaultDenyBy).toEqual(["CiliumNetworkPolicy default/rule1"]);
    expect(ingress?.nearest).toEqual({
      rule: "CiliumNetworkPolicy default/rule1 ingress[0]",
      failed: ["needs org=empire; default/xwing has org=alliance"],
    });
    expect(explanationLines(ex).join("\n")).toContain(
      "Pair:    default/xwing → default/deathstar-86f85ffb4d-7d86t (2 of 2 pairs not allowed)",
    );
  });

  it("names the port that failed", () => {
    const s = apply(cluster("starwars"), RULE1, { source: "rule1.yaml" }).state;
    const r = explainFlow(s, { from: "default/tiefighter", to: "default/deathstar-86f85ffb4d-7d86t", port: 8080 });
    if (!r.ok) throw new Error(r.error);
    expect(r.explanation.steps.at(-1)?.nearest?.failed).toEqual(["allows TCP/80; the flow is TCP/8080"]);
  });

  it("answers unknown endpoints with the engine's error", () => {
    expect(explainFlow(cluster("starwars"), { from: "default/nope", to: "default/xwing", port: 80 })).toEqual({
      ok: false,
      error:
        'unknown endpoint "default/nope" (expected ns/pod, ns/workload, svc:ns/name, node:NAME, external:NAME or an IP)',
    });
  });
});

describe("allow this", () => {
  it("drafts the narrowest ingress rule for the xwing", () => {
    const s = apply(cluster("starwars"), RULE1, { source: "rule1.yaml" }).state;
    const d = draftAllowPolicy(s, { from: "default/xwing", to: "svc:default/deathstar", port: 80 });
    if (!d.ok) throw new Error(d.error);
    expect(d.yaml).toBe(`apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: allow-xwing-to-deathstar-80
  namespace: default
spec:
  description: Allow default/xwing → svc:default/deathstar TCP/80 (drafted by lab allow)
  endpointSelector:
    matchLabels:
      app.kubernetes.io/name: deathstar
  ingress:
  - fromEndpoints:
    - matchLabels:
        app.kubernetes.io/name: xwing
    toPorts:
    - ports:
      - port: "80"
        protocol: TCP
`);
  });

  it("drafts the HTTP method and path for an L7 denial", () => {
    const s = apply(cluster("starwars"), RULE1_L7, { source: "rule1.yaml" }).state;
    const flow = {
      from: "default/tiefighter",
      to: "svc:default/deathstar",
      port: 80,
      http: { method: "PUT", path: "/v1/exhaust-port" },
    };
    const d = draftAllowPolicy(s, flow);
    if (!d.ok) throw new Error(d.error);
    expect(d.yaml).toContain("      rules:\n        http:\n        - method: PUT\n          path: /v1/exhaust-port\n");
    const after = apply(s, d.yaml, { source: "d.yaml" }).state;
    const v = evaluate(after, flow);
    expect(v.ok && v.verdict.verdict).toBe("allowed");
    const other = evaluate(after, { ...flow, http: { method: "GET", path: "/v1/secret" } });
    expect(other.ok && other.verdict.verdict).toBe("denied-l7");
  });

  it("refuses a flow a deny rule blocks, saying why", () => {
    const deny = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: no-xwing
spec:
  endpointSelector: {}
  ingressDeny:
  - fromEndpoints:
    - matchLabels:
        class: xwing
`;
    const s = apply(cluster("starwars"), deny, { source: "deny.yaml" }).state;
    const d = draftAllowPolicy(s, { from: "default/xwing", to: "default/tiefighter", port: 80 });
    expect(d).toEqual({
      ok: false,
      error: expect.stringContaining(
        "deny rules take precedence over allow rules, so no allow policy can let it through",
      ),
    });
    expect(
      draftAllowPolicy(cluster("starwars"), { from: "default/xwing", to: "default/tiefighter", port: 80 }),
    ).toEqual({ ok: false, error: expect.stringMatching(/^the flow is already allowed/) });
  });
});

const RANK = { dropped: 0, "denied-l7": 1, allowed: 2 } as const;

/** Every course state: each lesson's and challenge's solution, run on its scenario. */
function courseStates(): { name: string; scenario: string; state: ClusterState }[] {
  const cat = readCatalog(path.join(ROOT, "content"));
  const out: { name: string; scenario: string; state: ClusterState }[] = [];
  for (const item of [...cat.lessons, ...cat.challenges]) {
    const lab = new HeadlessLab({
      scenarioName: item.scenario,
      scenarioText: scenarioText(item.scenario),
      files: readLabFiles(item.dir),
    });
    for (const cmd of splitCommands(readFileSync(path.join(item.dir, "solution.sh"), "utf8"))) lab.run(cmd);
    out.push({ name: item.slug, scenario: item.scenario, state: lab.state.cluster });
  }
  return out;
}

describe("allow this, on every course scenario", () => {
  const states = courseStates();
  it("covers every scenario", () => {
    expect(new Set(states.map((s) => s.scenario)).size).toBe(7);
  });
  for (const { name, state } of states) {
    it(`${name}: the draft allows exactly the flow (and what shares its identities and port)`, () => {
      const ctx = verdictContext(state);
      const blocked = catalogue(state).probes.filter((p) => probeVerdict(ctx, p) !== "allowed");
      // A CiliumNetworkPolicy can fix a default deny or an L7 denial of a pod; deny rules and host firewalls it cannot.
      const fixable = (p: Probe) => {
        const v = evaluate(state, probeFlow(p));
        const s = v.ok
          ? v.verdict.steps.find(
              (x) => x.outcome === "default-deny" || x.outcome === "l7-denied" || x.outcome === "denied",
            )
          : undefined;
        return s !== undefined && s.outcome !== "denied" && !s.subject.startsWith("node");
      };
      const pick = (xs: Probe[], n: number) =>
        xs.filter((_, i) => i % Math.max(1, Math.floor(xs.length / n)) === 0).slice(0, n);
      const yes = blocked.filter(fixable);
      const sample: Probe[] = [
        ...pick(yes, 6),
        ...pick(
          blocked.filter((p) => !yes.includes(p)),
          2,
        ),
      ];
      let drafted = 0;
      for (const probe of sample) {
        const flow = probeFlow(probe);
        const d = draftAllowPolicy(state, flow);
        if (!d.ok) {
          // Only the cases a CiliumNetworkPolicy cannot fix are refused, each with its reason.
          expect(d.error, probe.key).toMatch(/deny rules take precedence|host firewall|cannot change that/);
          continue;
        }
        if (d.note) {
          expect(d.note, probe.key).toMatch(/deny rules take precedence|host firewall|cannot change that/);
          continue;
        }
        drafted++;
        const after = apply(state, d.yaml, { source: "draft.yaml" });
        expect(after.ok, `${probe.key}\n${d.yaml}`).toBe(true);
        const v = evaluate(after.state, flow);
        expect(v.ok && v.verdict.verdict, `${probe.key}\n${d.yaml}`).toBe("allowed");
        // The flows this draft is meant to allow: the flow itself and, when it is reached by name, its DNS lookup.
        const meant = [
          v,
          ...(flow.dns !== undefined && flow.port !== 53
            ? [
                evaluate(after.state, {
                  from: flow.from,
                  to: "svc:kube-system/kube-dns",
                  port: 53,
                  protocol: "UDP" as const,
                  dns: flow.dns,
                }),
              ]
            : []),
        ].flatMap((x) => (x.ok ? [x.verdict] : []));
        const remote = d.yaml.includes("- remote-node");
        for (const row of impactBetween(state, after.state).all) {
          // Nothing gets less reachable.
          expect(RANK[row.after], `${probe.key}: ${impactLine(row)}`).toBeGreaterThan(RANK[row.before]);
          if (row.after !== "allowed" || row.probe.key === probe.key) continue;
          // A newly allowed flow must be a meant flow under another name: same identities and port
          // (fromEntities remote-node admits every other node: the narrowest a CiliumNetworkPolicy can name a node by).
          const rv = evaluate(after.state, probeFlow(row.probe));
          const same =
            rv.ok &&
            meant.some(
              (t) =>
                (rv.verdict.source.identity === t.source.identity ||
                  (remote && row.probe.from.kind === "node" && probe.from.kind === "node")) &&
                (((rv.verdict.destination.identity === t.destination.identity ||
                  (remote && row.probe.to.kind === "node" && probe.to.kind === "node")) &&
                  rv.verdict.destination.port === t.destination.port) ||
                  (row.probe.port === 53 && row.probe.dns === flow.dns)),
            );
          expect(same, `${probe.key}\n${d.yaml}\nalso allowed: ${impactLine(row)}`).toBe(true);
        }
      }
      expect(drafted).toBe(Math.min(6, yes.length));
    });
  }
});

describe("reachability matrix", () => {
  it("agrees with evaluate() for every pod pair of a namespace", () => {
    const s = apply(cluster("starwars"), RULE1_L7, { source: "rule1.yaml" }).state;
    const m = reachability(s, { namespace: "default", port: 80 });
    expect(m.pods.map((p) => p.name)).toEqual([
      "deathstar-86f85ffb4d-7d86t",
      "deathstar-86f85ffb4d-dxp9z",
      "tiefighter",
      "xwing",
    ]);
    m.pods.forEach((from, i) =>
      m.pods.forEach((to, j) => {
        const v = evaluate(s, { from: from.ref, to: to.ref, port: 80 });
        const kind = m.cells[i]?.[j]?.kind;
        expect([from.ref, to.ref, kind === "dropped"]).toEqual([
          from.ref,
          to.ref,
          v.ok && v.verdict.verdict === "dropped",
        ]);
      }),
    );
    expect(m.cells[2]?.[0]?.kind).toBe("l7");
    expect(m.cells[3]?.[0]?.kind).toBe("dropped");
  });
});
