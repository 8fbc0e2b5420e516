/**
 * evaluate(): a flow between references (content/README.md Flow). A `dns` field on a flow to port 53
 * is the query itself (checked by the DNS proxy); on any other flow the client first resolves the name
 * through cluster DNS, and the DNS proxy learns the answer only when the lookup is allowed and proxied
 * (an egress DNS rule applies) — only then can toFQDNs select the IP (layer3.rst "DNS based").
 */
import { cmpStr } from "./brand";
import type { Compiled } from "./compile/compiled";
import type { L7Payload } from "./decide";
import { normalizeName } from "./dns";
import type { HttpRequest } from "./matchers/http";
import type { FlowProto } from "./matchers/ports";
import { type Party, partyName, resolveRef, type Target } from "./refs";
import { resolveName } from "./resolve";
import { evaluatePair } from "./verdict";
import type { Verdict } from "./verdict-types";

export interface FlowSpec {
  readonly from: string;
  readonly to: string;
  readonly port: number;
  readonly protocol?: FlowProto;
  readonly http?: HttpRequest;
  readonly dns?: string;
}

/** IP → names one agent's DNS proxy has seen (empty for stateless checks). */
export type FqdnCache = ReadonlyMap<string, readonly string[]>;

/**
 * node → the FQDN cache of the Cilium agent on that node. Learned IPs are per agent: an answer to any
 * pod on a node lets every pod on that node reach the IPs (for a matching toFQDNs rule); other nodes
 * have not seen it (Documentation/security/policy/layer7.rst "DNS Proxy").
 */
export type FqdnCaches = ReadonlyMap<string, FqdnCache>;

const NO_NAMES: FqdnCache = new Map();

/** The cache of the agent that manages `p` (pods and hosts: their node's; outside machines have none). */
export function agentCache(caches: FqdnCaches, p: Party): FqdnCache {
  if (p.kind === "pod") return caches.get(p.pod.node) ?? NO_NAMES;
  if (p.kind === "host") return caches.get(p.node.name) ?? NO_NAMES;
  return NO_NAMES;
}

export type FlowResult = { ok: true; verdict: Verdict } | { ok: false; error: string };

export interface PairVerdict {
  readonly from: string;
  readonly to: string;
  readonly verdict: Verdict;
}

export const DNS_SERVICE = "kube-system/kube-dns";

/** Targets answering cluster DNS: kube-dns backends, or pods labelled k8s-app=kube-dns. */
export function dnsServers(c: Compiled): Target[] {
  const r = resolveRef(c, `svc:${DNS_SERVICE}`, 53);
  if (r.ok) return r.targets;
  return c.world.pods
    .filter((p) => p.labels["k8s-app"] === "kube-dns")
    .sort((a, b) => cmpStr(`${a.namespace}/${a.name}`, `${b.namespace}/${b.name}`))
    .map((pod) => ({ party: { kind: "pod", pod } as Party, port: 53 }));
}

/** Simulate the client's lookup; return what its agent's DNS proxy (whose cache is `cache`) then knows (IP → names). */
export function learnThroughProxy(c: Compiled, src: Party, name: string, cache: FqdnCache): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [k, v] of cache) out.set(k, [...v]);
  const server = dnsServers(c)[0];
  if (!server) return out;
  const v = evaluatePair(c, { src, dst: server, srcPort: 40000, proto: "UDP", l7: { dnsQuery: name }, names: cache });
  const proxied = v.steps.some((s) => s.direction === "egress" && s.proxy === "dns");
  if (v.verdict !== "allowed" || !proxied) return out;
  const ns = src.kind === "pod" ? src.pod.namespace : undefined;
  const ans = resolveName(c, name, ns);
  if (ans.rcode !== "NOERROR") return out;
  for (const ip of ans.ips) {
    const cur = out.get(ip) ?? [];
    if (!cur.includes(normalizeName(ans.name))) cur.push(normalizeName(ans.name));
    out.set(ip, cur.sort(cmpStr));
  }
  return out;
}

/** Every (source pod, destination backend) pair of a flow, each with its verdict. */
export function evaluateAllPairs(
  c: Compiled,
  flow: FlowSpec,
  caches: FqdnCaches = new Map(),
): { ok: true; pairs: PairVerdict[] } | { ok: false; error: string } {
  const proto = flow.protocol ?? "TCP";
  const from = resolveRef(c, flow.from, 0);
  if (!from.ok) return from;
  const to = resolveRef(c, flow.to, flow.port);
  if (!to.ok) return to;
  const isQuery = flow.dns !== undefined && flow.port === 53 && (proto === "UDP" || proto === "TCP");
  const l7: L7Payload = { http: flow.http, dnsQuery: isQuery ? flow.dns : undefined };
  const pairs: PairVerdict[] = [];
  for (const s of from.targets) {
    const cache = agentCache(caches, s.party);
    const names = flow.dns !== undefined && !isQuery ? learnThroughProxy(c, s.party, flow.dns, cache) : cache;
    for (const d of to.targets) {
      const verdict = evaluatePair(c, { src: s.party, dst: d, srcPort: 40000, proto, l7, names });
      pairs.push({ from: partyName(s.party), to: partyName(d.party), verdict });
    }
  }
  return { ok: true, pairs };
}

/**
 * One verdict for a flow. When a reference names several pods, the flow is allowed only if every pair
 * is; otherwise the first pair (sorted by source, then destination) that is not allowed is returned,
 * its reason prefixed with the pair.
 */
export function evaluateFlow(c: Compiled, flow: FlowSpec, caches: FqdnCaches = new Map()): FlowResult {
  const all = evaluateAllPairs(c, flow, caches);
  if (!all.ok) return all;
  const first = all.pairs[0];
  if (!first) return { ok: false, error: "the flow has no endpoints" };
  if (all.pairs.length === 1) return { ok: true, verdict: first.verdict };
  const bad = all.pairs.find((p) => p.verdict.verdict !== "allowed");
  if (!bad) return { ok: true, verdict: first.verdict };
  const n = all.pairs.filter((p) => p.verdict.verdict !== "allowed").length;
  return {
    ok: true,
    verdict: {
      ...bad.verdict,
      reason: `${bad.from} → ${bad.to} (${n} of ${all.pairs.length} pairs not allowed): ${bad.verdict.reason}`,
    },
  };
}
