/**
 * Explain a flow: its verdict, each direction's decision (which policy and rule allowed or denied it),
 * and for a default-deny drop which policies put the endpoint into default deny and the nearest rule
 * that did not match, with the label or port that failed. The verdict is evaluate()'s own; the
 * "nearest rule" is a read-only walk over the same compiled entries the verdict used.
 */
import { type ClusterState, compiledState, evaluateAll, type Flow } from "@/lib/cluster";
import {
  type Compiled,
  type DirectionResult,
  type Entry,
  type FqdnCache,
  formatLabel,
  learnThroughProxy,
  agentCache,
  LABEL_POD_NAMESPACE,
  type Party,
  partyNode,
  type Peer,
  type PeerView,
  portMatcher,
  type PortSpec,
  requirementMatches,
  type Requirement,
  resolveRef,
  ruleLabel,
  type SubjectPolicy,
  type Verdict,
  viewOf,
} from "@/lib/engine";

export interface NearestRule {
  /** `CiliumNetworkPolicy default/rule1 ingress[0]`. */
  readonly rule: string;
  /** What failed, one item per mismatch: `needs k8s:org=empire; default/xwing has org=alliance`. */
  readonly failed: readonly string[];
}

export interface StepExplanation {
  readonly step: DirectionResult;
  /** Policies whose rules put the subject into default deny in this direction (default-deny drops). */
  readonly defaultDenyBy?: readonly string[];
  readonly nearest?: NearestRule;
}

export interface Explanation {
  readonly flow: Flow;
  readonly verdict: Verdict;
  /** The pair explained, when the reference named several pods or backends. */
  readonly pair: {
    readonly from: string;
    readonly to: string;
    readonly index: number;
    readonly of: number;
    readonly failing: number;
  };
  readonly steps: readonly StepExplanation[];
}

export type ExplainResult = { ok: true; explanation: Explanation } | { ok: false; error: string };

/** `node/x` → `node:x`, `external/x` → `external:x` (partyName back to a flow reference). */
function refOfPartyName(name: string): string {
  if (name.startsWith("node/")) return `node:${name.slice(5)}`;
  if (name.startsWith("external/")) return `external:${name.slice(9)}`;
  return name;
}

function partyOf(c: Compiled, name: string): Party | undefined {
  const r = resolveRef(c, refOfPartyName(name), 0);
  return r.ok && r.targets.length === 1 ? r.targets[0]?.party : undefined;
}

function labelOf(view: PeerView, key: string, source: string): string[] {
  return (view.identity.index.get(key) ?? [])
    .filter((l) => source === "any" || l.source === source)
    .map((l) => l.value);
}

function reqText(r: Requirement): string {
  const k = r.source === "any" ? r.key : `${r.source}:${r.key}`;
  switch (r.op) {
    case "In":
      return r.values.length === 1 ? `${k}=${r.values[0]}` : `${k} in (${r.values.join(", ")})`;
    case "NotIn":
      return `${k} notin (${r.values.join(", ")})`;
    case "Exists":
      return `a ${k} label`;
    case "DoesNotExist":
      return `no ${k} label`;
  }
}

function requirementFailure(r: Requirement, view: PeerView, peerName: string): string {
  const have = labelOf(view, r.key, r.source);
  if (r.key === LABEL_POD_NAMESPACE) {
    return `needs namespace ${r.values.join(" or ")}; ${peerName} is ${have.length > 0 ? `in ${have.join(", ")}` : "not a pod"}`;
  }
  const shown = r.key;
  const has = have.length > 0 ? `has ${have.map((v) => `${shown}=${v}`).join(", ")}` : `has no ${shown} label`;
  return `needs ${reqText(r)}; ${peerName} ${has}`;
}

function identityText(view: PeerView): string {
  return `identity ${view.identity.id} (${view.identity.labels.map(formatLabel).join(",") || "no labels"})`;
}

function peerFailures(c: Compiled, peer: Peer, view: PeerView, peerName: string): string[] {
  switch (peer.kind) {
    case "all":
      return [];
    case "endpoints": {
      const bad = peer.selector.requirements.filter((r) => !requirementMatches(r, view.identity.index));
      return bad.length > 0
        ? bad.map((r) => requirementFailure(r, view, peerName))
        : [`${peerName} is not a pod this selector can match (${identityText(view)})`];
    }
    case "entity":
      return [`allows the ${peer.entity} entity; ${peerName} is ${identityText(view)}`];
    case "cidr":
      return [
        `allows CIDR ${peer.text}; ${peerName} is ${view.ip} (${view.identity.reserved ? `reserved:${view.identity.reserved}` : identityText(view)})`,
      ];
    case "cidrGroup":
      return [
        `allows the CIDRs of ${peer.text} (a CiliumCIDRGroup that does not exist matches nothing); ${peerName} is ${view.ip} (${view.identity.reserved ? `reserved:${view.identity.reserved}` : identityText(view)})`,
      ];
    case "fqdn":
      return [
        view.names.length > 0
          ? `allows names matching ${peer.matchName ?? peer.matchPattern ?? ""}; the agent on node ${view.agent ?? "?"} knows ${view.ip} as ${view.names.join(", ")}`
          : `allows names matching ${peer.matchName ?? peer.matchPattern ?? ""}; no DNS answer for ${peer.matchName ?? `a name matching ${peer.matchPattern ?? ""}`} was seen by the agent on node ${view.agent ?? "?"}, so ${view.ip} is not selected (a pod on that node must look it up through a DNS rule first; answers seen on other nodes do not count)`,
      ];
    case "service":
      return [`allows the backends of Service ${peer.namespace}/${peer.name ?? "(selector)"}; ${peerName} is not one`];
    case "nodes":
      return [
        view.node
          ? `selects nodes by label {${peer.selector.key}}; node ${view.node.name} has ${
              Object.entries(view.node.labels)
                .map(([k, v]) => `${k}=${v}`)
                .join(",") || "no labels"
            }`
          : `selects nodes by label; ${peerName} is ${identityText(view)}, not a node`,
      ];
  }
  void c;
}

function portText(p: PortSpec): string {
  if (p.name !== undefined) return `${p.protocol}/${p.name}`;
  if (p.port === 0) return `${p.protocol}/any`;
  return p.endPort > p.port ? `${p.protocol}/${p.port}-${p.endPort}` : `${p.protocol}/${p.port}`;
}

/** The allow entry closest to matching (fewest failures; first in rule order on ties). */
function nearestRule(
  c: Compiled,
  sp: SubjectPolicy,
  view: PeerView,
  peerName: string,
  port: number,
  proto: Flow["protocol"],
  dstPorts: Parameters<typeof portMatcher.allows>[3],
): NearestRule | undefined {
  let best: { e: Entry; failed: string[] } | undefined;
  for (const e of sp.allow) {
    const failed: string[] = [];
    if (!c.peerMatches(e.peer, view)) failed.push(...peerFailures(c, e.peer, view, peerName));
    if (e.ports && !e.ports.some((p) => portMatcher.allows(p, port, proto ?? "TCP", dstPorts))) {
      failed.push(`allows ${e.ports.map(portText).join(", ")}; the flow is ${proto ?? "TCP"}/${port}`);
    }
    if (failed.length === 0) continue;
    if (!best || failed.length < best.failed.length) best = { e, failed };
  }
  return best ? { rule: ruleLabel(best.e), failed: best.failed } : undefined;
}

function subjectOf(c: Compiled, p: Party, dir: "ingress" | "egress"): SubjectPolicy | undefined {
  if (p.kind === "pod") {
    const identity = c.podIdentity(p.pod);
    return identity ? c.subject({ kind: "pod", identity }, dir) : undefined;
  }
  if (p.kind === "host") return c.subject({ kind: "host", node: p.node }, dir);
  return undefined;
}

/** Explain the verdict of one flow (`from`/`to` as evaluate() takes them). */
export function explainFlow(state: ClusterState, flow: Flow): ExplainResult {
  const all = evaluateAll(state, flow);
  if (!all.ok) return all;
  const pairs = all.pairs;
  if (pairs.length === 0) return { ok: false, error: "the flow has no endpoints" };
  const failing = pairs.filter((p) => p.verdict.verdict !== "allowed").length;
  const index = Math.max(
    0,
    pairs.findIndex((p) => p.verdict.verdict !== "allowed"),
  );
  const pair = pairs[index] as (typeof pairs)[number];
  const c = compiledState(state);
  const src = partyOf(c, pair.from);
  const cache: FqdnCache = src ? agentCache(state.fqdnCache, src) : new Map();
  const dst = partyOf(c, pair.to);
  const isQuery = flow.dns !== undefined && flow.port === 53;
  const names = src && flow.dns !== undefined && !isQuery ? learnThroughProxy(c, src, flow.dns, cache) : cache;
  const dstPod = dst?.kind === "pod" ? dst.pod : dst?.kind === "host" ? dst.pod : undefined;
  const steps: StepExplanation[] = pair.verdict.steps.map((step) => {
    if (step.outcome !== "default-deny" || !src || !dst) return { step };
    const subject = step.direction === "egress" ? src : dst;
    const peer = step.direction === "egress" ? dst : src;
    const sp = subjectOf(c, subject, step.direction);
    if (!sp) return { step };
    const by = [
      ...new Set(
        sp.enforcement.rules.map((r) => `${r.kind} ${r.namespace !== undefined ? `${r.namespace}/` : ""}${r.name}`),
      ),
    ];
    const view = viewOf(c, peer, partyNode(c, subject), names);
    const peerName = step.direction === "egress" ? pair.to : pair.from;
    const nearest = nearestRule(c, sp, view, peerName, pair.verdict.destination.port, flow.protocol, dstPod?.ports);
    return {
      step,
      defaultDenyBy: sp.enforcement.case === "mode-always" ? ["policy enforcement mode always"] : by,
      ...(nearest ? { nearest } : {}),
    };
  });
  return {
    ok: true,
    explanation: {
      flow,
      verdict: pair.verdict,
      pair: { from: pair.from, to: pair.to, index, of: pairs.length, failing },
      steps,
    },
  };
}

const OUTCOME: Readonly<Record<DirectionResult["outcome"], string>> = {
  "not-enforced": "not enforced",
  allowed: "allowed",
  "allowed-no-default-deny": "allowed (no default deny)",
  localhost: "allowed (from the pod's own node)",
  denied: "denied by a deny rule",
  "default-deny": "dropped by default deny",
  "l7-denied": "denied at L7",
};

/** The explanation as the terminal prints it (`lab explain`) and the Explain panel reads it. */
export function explanationLines(ex: Explanation): string[] {
  const f = ex.flow;
  const l7 = f.http
    ? ` ${f.http.method} ${f.http.path}`
    : f.dns !== undefined
      ? f.port === 53
        ? ` query ${f.dns}`
        : ` by name ${f.dns}`
      : "";
  const lines = [
    `Flow:    ${f.from} → ${f.to} ${f.protocol ?? "TCP"}/${f.port}${l7}`,
    `Verdict: ${ex.verdict.verdict}`,
  ];
  if (ex.pair.of > 1)
    lines.push(
      `Pair:    ${ex.pair.from} → ${ex.pair.to} (${ex.pair.failing > 0 ? `${ex.pair.failing} of ${ex.pair.of} pairs not allowed` : `the first of ${ex.pair.of} pairs, all allowed`})`,
    );
  const s = ex.verdict.source;
  const d = ex.verdict.destination;
  lines.push(`From:    ${s.name} ${s.ip}, identity ${s.identity}${s.reserved ? ` (reserved:${s.reserved})` : ""}`);
  lines.push(
    `To:      ${d.name} ${d.ip}:${d.port}, identity ${d.identity}${d.reserved ? ` (reserved:${d.reserved})` : ""}`,
  );
  if (ex.steps.length === 0) lines.push(`  ${ex.verdict.reason}`);
  for (const { step, defaultDenyBy, nearest } of ex.steps) {
    lines.push(`${step.direction === "egress" ? "Egress " : "Ingress"} ${step.subject}: ${OUTCOME[step.outcome]}`);
    lines.push(`  ${step.reason}`);
    if (defaultDenyBy && defaultDenyBy.length > 0) lines.push(`  default deny since: ${defaultDenyBy.join(", ")}`);
    if (nearest) {
      lines.push(`  nearest rule: ${nearest.rule}`);
      for (const x of nearest.failed) lines.push(`    - ${x}`);
    }
    if (step.outcome === "default-deny" && !nearest)
      lines.push("  nearest rule: none (no allow rule in this direction)");
  }
  if (
    ex.verdict.verdict !== "allowed" &&
    ex.steps.length > 0 &&
    !ex.steps.some(
      (x) => x.step.outcome === "default-deny" || x.step.outcome === "denied" || x.step.outcome === "l7-denied",
    )
  ) {
    lines.push(`  ${ex.verdict.reason}`);
  }
  return lines;
}
