/**
 * "Allow this": the narrowest CiliumNetworkPolicy that lets one dropped (or L7-denied) flow through.
 * Only the directions that blocked the flow get a rule, and those are already in default deny, so the
 * draft adds allows without putting anything new into default deny. Each end is named by the fewest of
 * its identity labels that no other pod of its namespace shares; the port is the one the backend
 * listens on (policy applies after the Service's translation); an L7 denial adds exactly that HTTP
 * method and path (or DNS name), never a plain L4 allow that would lift the other L7 rules; a
 * destination reached by name gets `toFQDNs` plus the DNS rule that lets the proxy learn the name.
 * The draft is checked by applying it: if the flow would still not pass, the result says why.
 */
import { apply, type ClusterState, compiledState, evaluate, evaluateAll, type Flow } from "@/lib/cluster";
import {
  cmpStr,
  type Compiled,
  dnsServers,
  isIdentityRelevant,
  LABEL_POD_NAMESPACE,
  type Party,
  type PodModel,
  resolveRef,
  type DirectionResult,
} from "@/lib/engine";
import { toYaml, type YamlValue } from "./yaml-text";

export type DraftResult =
  | {
      readonly ok: true;
      readonly yaml: string;
      readonly policies: readonly { readonly namespace: string; readonly name: string }[];
      readonly note?: string;
    }
  | { readonly ok: false; readonly error: string };

const PREFERRED = ["app", "app.kubernetes.io/name", "k8s-app", "name", "class", "role", "tier", "component", "org"];

function keyRank(k: string): number {
  const i = PREFERRED.indexOf(k);
  return i < 0 ? PREFERRED.length : i;
}

function combos<T>(xs: readonly T[], k: number): T[][] {
  if (k === 0) return [[]];
  const out: T[][] = [];
  xs.forEach((x, i) => {
    for (const rest of combos(xs.slice(i + 1), k - 1)) out.push([x, ...rest]);
  });
  return out;
}

/** The fewest identity labels of `pod` that select, in its namespace, only pods of its identity. */
export function narrowestLabels(c: Compiled, pod: PodModel): Record<string, string> {
  const id = c.podIdentity(pod);
  const keys = Object.keys(pod.labels)
    .filter(isIdentityRelevant)
    .sort((a, b) => keyRank(a) - keyRank(b) || cmpStr(a, b));
  const others = c.world.pods.filter((p) => p.namespace === pod.namespace && !p.hostNetwork && c.podIdentity(p) !== id);
  const pick = (ks: readonly string[]) => Object.fromEntries(ks.map((k) => [k, pod.labels[k] as string]));
  for (let n = 1; n <= Math.min(3, keys.length); n++) {
    for (const ks of combos(keys, n)) {
      if (!others.some((o) => ks.every((k) => o.labels[k] === pod.labels[k]))) return pick(ks);
    }
  }
  return pick(keys);
}

function podSelector(c: Compiled, pod: PodModel, policyNamespace: string): Record<string, string> {
  const ls = narrowestLabels(c, pod);
  return pod.namespace === policyNamespace ? ls : { ...ls, [`k8s:${LABEL_POD_NAMESPACE}`]: pod.namespace };
}

const RE_META = /[\\^$.*+?()[\]{}|]/g;
const escapeRegex = (s: string): string => s.replace(RE_META, "\\$&");

function shortName(p: Party): string {
  if (p.kind === "pod")
    return p.pod.owner?.kind === "ReplicaSet" ||
      p.pod.owner?.kind === "Deployment" ||
      p.pod.owner?.kind === "StatefulSet" ||
      p.pod.owner?.kind === "DaemonSet"
      ? p.pod.owner.name
      : p.pod.name;
  if (p.kind === "host") return p.node.name;
  return p.external?.name ?? p.ip.replaceAll(".", "-");
}

function dnsLabel(s: string): string {
  const t = s
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "");
  return t.slice(0, 63).replace(/-$/, "");
}

function partyOf(c: Compiled, name: string): Party | undefined {
  const ref = name.startsWith("node/")
    ? `node:${name.slice(5)}`
    : name.startsWith("external/")
      ? `external:${name.slice(9)}`
      : name;
  const r = resolveRef(c, ref, 0);
  return r.ok && r.targets.length === 1 ? r.targets[0]?.party : undefined;
}

function entityFor(identityLabels: readonly string[], fallback: "host" | "remote-node"): string {
  return identityLabels.includes("reserved:kube-apiserver") ? "kube-apiserver" : fallback;
}

interface Blocked {
  readonly step: DirectionResult;
  readonly src: Party;
  readonly dst: Party;
  readonly port: number;
  readonly peerLabels: readonly string[];
  readonly peerIP: string;
}

type RuleBody = Record<string, YamlValue>;

function portsOf(port: number, protocol: string, rules?: YamlValue): YamlValue {
  return [{ ports: [{ port: String(port), protocol }], ...(rules ? { rules } : {}) }];
}

/** Draft the narrowest policy that allows `flow`. */
export function draftAllowPolicy(state: ClusterState, flow: Flow): DraftResult {
  return draft(state, flow, 0);
}

function draft(state: ClusterState, flow: Flow, depth: number): DraftResult {
  const c = compiledState(state);
  const all = evaluateAll(state, flow);
  if (!all.ok) return all;
  const failing = all.pairs.filter((p) => p.verdict.verdict !== "allowed");
  if (failing.length === 0)
    return { ok: false, error: `the flow is already allowed: ${all.pairs[0]?.verdict.reason ?? ""}` };
  const proto = flow.protocol ?? "TCP";
  const isQuery = flow.dns !== undefined && flow.port === 53;
  const blocked: Blocked[] = [];
  for (const pair of failing) {
    const src = partyOf(c, pair.from);
    const dst = partyOf(c, pair.to);
    if (!src || !dst) return { ok: false, error: `cannot name both ends of ${pair.from} → ${pair.to}` };
    const step = pair.verdict.steps.find(
      (s) => s.outcome === "denied" || s.outcome === "default-deny" || s.outcome === "l7-denied",
    );
    if (!step) return { ok: false, error: `${pair.verdict.reason}; a CiliumNetworkPolicy cannot change that` };
    if (step.outcome === "denied") {
      return {
        ok: false,
        error: `${step.reason.replace(/; deny rules take precedence over allow rules$/, "")}: deny rules take precedence over allow rules, so no allow policy can let it through — change or delete that deny rule`,
      };
    }
    const subject = step.direction === "egress" ? src : dst;
    if (subject.kind !== "pod") {
      return {
        ok: false,
        error: `the ${step.direction} of ${step.subject} blocks it (the host firewall): host policies are CiliumClusterwideNetworkPolicies with a nodeSelector, which lab allow does not draft`,
      };
    }
    const other = step.direction === "egress" ? pair.verdict.destination : pair.verdict.source;
    blocked.push({ step, src, dst, port: pair.verdict.destination.port, peerLabels: other.labels, peerIP: other.ip });
    // evaluatePair stops at the first blocking direction: the ingress side is drafted after this one is applied.
  }
  // Group rules per subject (one policy per selected pod class and direction).
  const docs = new Map<
    string,
    { ns: string; subject: PodModel; dir: "ingress" | "egress"; rules: RuleBody[]; srcName: string; dstName: string }
  >();
  const dnsNeeded = new Map<string, { ns: string; subject: PodModel; names: Set<string> }>();
  const addRule = (b: Blocked, rule: RuleBody) => {
    const subj = (b.step.direction === "egress" ? b.src : b.dst) as Extract<Party, { kind: "pod" }>;
    const sel = JSON.stringify(narrowestLabels(c, subj.pod));
    const k = `${subj.pod.namespace}|${sel}|${b.step.direction}`;
    let d = docs.get(k);
    if (!d) {
      d = {
        ns: subj.pod.namespace,
        subject: subj.pod,
        dir: b.step.direction,
        rules: [],
        srcName: shortName(b.src),
        dstName: shortName(b.dst),
      };
      docs.set(k, d);
    }
    const text = JSON.stringify(rule);
    if (!d.rules.some((r) => JSON.stringify(r) === text)) d.rules.push(rule);
  };
  for (const b of blocked) {
    const l7 = b.step.outcome === "l7-denied";
    if (b.step.direction === "ingress") {
      const dstPod = (b.dst as Extract<Party, { kind: "pod" }>).pod;
      const from: RuleBody =
        b.src.kind === "pod"
          ? { fromEndpoints: [{ matchLabels: podSelector(c, b.src.pod, dstPod.namespace) }] }
          : b.src.kind === "host"
            ? { fromEntities: [entityFor(b.peerLabels, "remote-node")] }
            : { fromCIDR: [`${b.peerIP}/32`] };
      const rules =
        l7 && flow.http ? { http: [{ method: flow.http.method, path: escapeRegex(flow.http.path) }] } : undefined;
      addRule(b, { ...from, toPorts: portsOf(b.port, proto, rules) });
      continue;
    }
    const srcPod = (b.src as Extract<Party, { kind: "pod" }>).pod;
    let to: RuleBody;
    if (isQuery) {
      to =
        b.dst.kind === "pod"
          ? { toEndpoints: [{ matchLabels: podSelector(c, b.dst.pod, srcPod.namespace) }] }
          : { toCIDR: [`${b.peerIP}/32`] };
      addRule(b, { ...to, toPorts: portsOf(b.port, proto, { dns: [{ matchName: flow.dns as string }] }) });
      continue;
    }
    if (b.dst.kind === "pod") to = { toEndpoints: [{ matchLabels: podSelector(c, b.dst.pod, srcPod.namespace) }] };
    else if (b.dst.kind === "host")
      to = { toEntities: [entityFor(b.peerLabels, b.dst.node.name === srcPod.node ? "host" : "remote-node")] };
    else if (flow.dns !== undefined) {
      to = { toFQDNs: [{ matchName: flow.dns.replace(/\.$/, "").toLowerCase() }] };
      const k = `${srcPod.namespace}|${JSON.stringify(narrowestLabels(c, srcPod))}`;
      const cur = dnsNeeded.get(k) ?? { ns: srcPod.namespace, subject: srcPod, names: new Set<string>() };
      cur.names.add(flow.dns.replace(/\.$/, "").toLowerCase());
      dnsNeeded.set(k, cur);
    } else if (b.peerLabels.includes("reserved:kube-apiserver")) to = { toEntities: ["kube-apiserver"] };
    else to = { toCIDR: [`${b.peerIP}/32`] };
    const rules =
      l7 && flow.http ? { http: [{ method: flow.http.method, path: escapeRegex(flow.http.path) }] } : undefined;
    addRule(b, { ...to, toPorts: portsOf(b.port, proto, rules) });
  }
  // The DNS rule that lets the proxy learn the name toFQDNs needs (in the same egress policy).
  for (const need of dnsNeeded.values()) {
    const server = dnsServers(c)[0];
    const sel = JSON.stringify(narrowestLabels(c, need.subject));
    const doc = docs.get(`${need.ns}|${sel}|egress`);
    if (!doc || !server || server.party.kind !== "pod") continue;
    const names = [...need.names].sort(cmpStr).map((n) => ({ matchName: n }));
    doc.rules.unshift({
      toEndpoints: [{ matchLabels: podSelector(c, server.party.pod, need.ns) }],
      toPorts: [{ ports: [{ port: "53", protocol: "ANY" }], rules: { dns: names } }],
    });
  }
  const taken = new Set(
    state.world.policies.filter((p) => p.kind === "CiliumNetworkPolicy").map((p) => `${p.namespace}/${p.name}`),
  );
  const list = [...docs.values()];
  const both = new Set(list.map((d) => d.ns)).size < list.length;
  const out: string[] = [];
  const policies: { namespace: string; name: string }[] = [];
  for (const d of list) {
    const base = dnsLabel(`allow-${d.srcName}-to-${d.dstName}-${flow.port}${both ? `-${d.dir}` : ""}`);
    let name = base;
    for (let i = 2; taken.has(`${d.ns}/${name}`); i++) name = `${base.slice(0, 60)}-${i}`;
    taken.add(`${d.ns}/${name}`);
    policies.push({ namespace: d.ns, name });
    const what = `${flow.from} → ${flow.to} ${proto}/${flow.port}${flow.http ? ` ${flow.http.method} ${flow.http.path}` : ""}${flow.dns !== undefined ? (isQuery ? ` (DNS query ${flow.dns})` : ` (by name ${flow.dns})`) : ""}`;
    out.push(
      toYaml({
        apiVersion: "cilium.io/v2",
        kind: "CiliumNetworkPolicy",
        metadata: { name, namespace: d.ns },
        spec: {
          description: `Allow ${what} (drafted by lab allow)`,
          endpointSelector: { matchLabels: narrowestLabels(c, d.subject) },
          [d.dir]: d.rules,
        },
      }),
    );
  }
  const yaml = out.join("---\n");
  // Check the draft the way applying it would: the flow must pass.
  const applied = apply(state, yaml, { source: "draft.yaml" });
  if (!applied.ok)
    return { ok: false, error: `the draft does not apply: ${applied.diagnostics.map((x) => x.message).join("; ")}` };
  const after = evaluate(applied.state, flow);
  if (after.ok && after.verdict.verdict !== "allowed" && depth < 3 && flow.dns !== undefined && !isQuery) {
    // toFQDNs needs the lookup itself to pass (the DNS server's ingress may be in default deny too).
    const lookup: Flow = { from: flow.from, to: "svc:kube-system/kube-dns", port: 53, protocol: "UDP", dns: flow.dns };
    const lv = evaluate(applied.state, lookup);
    if (lv.ok && lv.verdict.verdict !== "allowed") {
      const fix = draft(applied.state, lookup, depth + 1);
      if (fix.ok) {
        const both = `${yaml}---\n${fix.yaml}`;
        const again = apply(state, both, { source: "draft.yaml" });
        const v2 = evaluate(again.state, flow);
        if (again.ok && v2.ok && v2.verdict.verdict === "allowed")
          return { ok: true, yaml: both, policies: [...policies, ...fix.policies] };
      }
    }
  }
  if (after.ok && after.verdict.verdict !== "allowed" && depth < 2) {
    // The other direction blocked too: draft again on top of this one and join the documents.
    const next = draft(applied.state, flow, depth + 1);
    if (!next.ok) return { ok: true, yaml, policies, note: `applying this is not enough: ${next.error}` };
    return {
      ok: true,
      yaml: `${yaml}---\n${next.yaml}`,
      policies: [...policies, ...next.policies],
      ...(next.note ? { note: next.note } : {}),
    };
  }
  if (after.ok && after.verdict.verdict !== "allowed")
    return { ok: true, yaml, policies, note: `applying this is not enough: ${after.verdict.reason}` };
  return { ok: true, yaml, policies };
}
