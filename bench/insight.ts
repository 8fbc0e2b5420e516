/**
 * Insight benchmark (issue 15): the editor's keystroke → diagnostics on a 300-line manifest, the impact
 * preview on every course scenario (the policies its lessons and challenges apply, previewed on the fresh
 * scenario) and on a 1,000-pod cluster, and "allow this" on a dropped flow. Each is printed against its
 * target and against a baseline measured in the same run: `kubectl apply` of the same text (what applying
 * costs anyway) or one `evaluate()` of the same flow. Printed, never asserted.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { apply, type ClusterState, createCluster, evaluate, parseScenario } from "@/lib/cluster";
import { readCatalog } from "@/lib/content/catalog";
import { readLabFiles } from "@/lib/content/lab-files";
import { draftAllowPolicy, impactOfManifest } from "@/lib/insight";
import { HeadlessLab, seededRandom, splitCommands } from "@/lib/shell/transcript";
import { manifestDiagnostics } from "@/components/lab/editor/diagnostics";
import { bigScenario } from "./shell";

const ROOT = path.resolve(import.meta.dirname, "..");
const NOW = Date.UTC(2026, 0, 15, 10);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

function time(n: number, f: () => unknown): number {
  for (let i = 0; i < 3; i++) f();
  const ts: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    f();
    ts.push(performance.now() - t);
  }
  return median(ts);
}

function cluster(name: string, text: string): ClusterState {
  const parsed = parseScenario(name, text);
  if (!parsed.ok) throw new Error(parsed.diagnostics.map((d) => d.message).join("\n"));
  return createCluster(parsed.scenario, { clock: () => NOW, random: seededRandom(3) });
}

/** A 300-line manifest: twelve 25-line CiliumNetworkPolicies. */
function longManifest(): string {
  const docs: string[] = [];
  for (let i = 0; i < 12; i++) {
    docs.push(`apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: rule-${i}
  namespace: default
spec:
  description: policy number ${i} of the benchmark file
  endpointSelector:
    matchLabels:
      class: deathstar
  ingress:
  - fromEndpoints:
    - matchLabels:
        org: empire
        class: tiefighter
    toPorts:
    - ports:
      - port: "${80 + i}"
        protocol: TCP
      rules:
        http:
        - method: POST
          path: /v1/request-landing
        - method: GET
          path: /v1/status-${i}`);
  }
  return docs.join("\n---\n") + "\n";
}

const row = (what: string, ms: number, target: number, base: number, baseName: string) =>
  console.log(
    `| ${what} | ${ms.toFixed(2)} | ${ms < target ? "met" : "MISSED"} (${(ms / target).toFixed(2)}x of ${target} ms) | ${(ms / base).toFixed(2)}x ${baseName} (${base.toFixed(2)} ms) |`,
  );

export default async function bench(): Promise<void> {
  console.log("| case | median ms | target | vs baseline |");
  console.log("|---|---|---|---|");

  // 1. keystroke → diagnostics on a 300-line file (one character changed per keystroke)
  const starwars = cluster("starwars", readFileSync(path.join(ROOT, "content/scenarios/starwars.yaml"), "utf8"));
  const text = longManifest();
  console.log(`<!-- manifest: ${text.split("\n").length - 1} lines -->`);
  let k = 0;
  const typed = () =>
    text.replace("description: policy number 5", `description: policy number 5${"x".repeat(k++ % 7)}`);
  const diag = time(30, () => manifestDiagnostics(starwars, typed(), "long.yaml"));
  const applyOnly = time(30, () => apply(starwars, typed(), { source: "long.yaml" }));
  row("keystroke → diagnostics, 300-line file", diag, 50, applyOnly, "kubectl apply of the same text");
  const typo = text.replace("  - fromEndpoints:", "  - fromEndpoint:");
  row(
    "keystroke → diagnostics, 300-line file with an error",
    time(30, () => manifestDiagnostics(starwars, typo, "long.yaml")),
    50,
    applyOnly,
    "kubectl apply of the same text",
  );

  // 2. impact preview on each course scenario: the policies its lessons and challenges apply
  const cat = readCatalog(path.join(ROOT, "content"));
  const byScenario = new Map<string, string[]>();
  for (const item of [...cat.lessons, ...cat.challenges]) {
    const scenarioText = readFileSync(path.join(ROOT, "content/scenarios", `${item.scenario}.yaml`), "utf8");
    const lab = new HeadlessLab({ scenarioName: item.scenario, scenarioText, files: readLabFiles(item.dir) });
    for (const cmd of splitCommands(readFileSync(path.join(item.dir, "solution.sh"), "utf8"))) lab.run(cmd);
    const texts = lab.state.cluster.journal.flatMap((op) => (op.op === "apply" || op.op === "create" ? [op.text] : []));
    byScenario.set(item.scenario, [...(byScenario.get(item.scenario) ?? []), ...texts]);
  }
  for (const [name, texts] of [...byScenario].sort()) {
    const fresh = cluster(name, readFileSync(path.join(ROOT, "content/scenarios", `${name}.yaml`), "utf8"));
    const manifest =
      texts
        .map((t) => t.trim())
        .filter((t) => t !== "")
        .join("\n---\n") + "\n";
    const r = impactOfManifest(fresh, manifest, "course.yaml");
    // keystroke after keystroke against the same lab state: the "before" side is cached per snapshot
    const ms = time(9, () => impactOfManifest(fresh, manifest, "course.yaml"));
    // the first preview after the lab changed: a snapshot nothing has been computed for yet
    const cold = time(9, () => impactOfManifest({ ...fresh }, manifest, "course.yaml"));
    const base = time(9, () => apply(fresh, manifest, { source: "course.yaml" }));
    const what = `${name} (${r.ok ? `${r.impact.compared} flows, ${r.impact.all.length} change` : "rejected"})`;
    row(`impact preview: ${what}`, ms, 100, base, "kubectl apply");
    row(`impact preview, first after a change: ${what}`, cold, 100, base, "kubectl apply");
  }

  // 3. impact preview on a 1,000-pod cluster
  const big = cluster("fleet", bigScenario(1000));
  const policy = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: app0-from-app1
spec:
  endpointSelector:
    matchLabels:
      app: app0
  ingress:
  - fromEndpoints:
    - matchLabels:
        app: app1
    toPorts:
    - ports:
      - port: "80"
        protocol: TCP
`;
  const bigImpact = impactOfManifest(big, policy, "p.yaml");
  const bigWhat = `1,000 pods (${bigImpact.ok ? `${bigImpact.impact.compared} flows, ${bigImpact.impact.all.length} change` : "rejected"})`;
  const bigApply = time(5, () => apply(big, policy, { source: "p.yaml" }));
  row(
    `impact preview: ${bigWhat}`,
    time(5, () => impactOfManifest(big, policy, "p.yaml")),
    100,
    bigApply,
    "kubectl apply",
  );
  row(
    `impact preview, first after a change: ${bigWhat}`,
    time(5, () => impactOfManifest({ ...big }, policy, "p.yaml")),
    100,
    bigApply,
    "kubectl apply",
  );

  // 4. policy from a flow (with its check by applying the draft)
  const withRule = apply(
    starwars,
    policy
      .replaceAll("app0", "deathstar")
      .replace("app: deathstar", "class: deathstar")
      .replace("app: app1", "org: empire"),
    { source: "r.yaml" },
  ).state;
  const flow = { from: "default/xwing", to: "svc:default/deathstar", port: 80 };
  const d = draftAllowPolicy(withRule, flow);
  if (!d.ok) throw new Error(d.error);
  row(
    "allow this: draft for a dropped flow",
    time(20, () => draftAllowPolicy(withRule, flow)),
    50,
    time(20, () => evaluate(withRule, flow)),
    "one evaluate() of the flow",
  );
}
