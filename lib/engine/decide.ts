/**
 * One direction of one flow: given the subject's compiled policy and the peer, decide.
 * Order (deny.rst, intro.rst, layer7.rst): not enforced → allowed; a matching deny → dropped;
 * allow-localhost (ingress from the pod's own node) → allowed; a matching allow without L7 rules →
 * allowed (it also lifts the L7 restrictions of other rules on that port: rule_test.go 7A/7B,
 * layer7.rst); only L7-restricted allows → the proxy decides (403 / DNS REFUSED); nothing → default deny
 * (or allowed when every selecting rule disabled default deny).
 */
import type { Compiled, SubjectPolicy } from "./compile/compiled";
import { peerText, ref, refsOf, ruleLabel, svcText, uniqRefs } from "./explain-parts";
import { dnsMatcher } from "./matchers/dns";
import { httpMatcher, type HttpRequest, mismatchText } from "./matchers/http";
import { fqdnMiss, nearestMiss } from "./explain-miss";
import type { PeerView } from "./matchers/peer-view";
import { type FlowProto, portMatcher } from "./matchers/ports";
import type { ContainerPort } from "./model";
import type { CompiledRule, DnsRule, Entry, HttpRule } from "./policy/types";
import type { DirectionResult, MatchRef, MatchType } from "./verdict-types";

export { policyName, ruleLabel } from "./explain-parts";

export interface L7Payload {
  readonly http?: HttpRequest;
  /** A DNS query name (flows to port 53). */
  readonly dnsQuery?: string;
}

export interface DirectionInput {
  readonly sp: SubjectPolicy;
  readonly subjectName: string;
  readonly peer: PeerView;
  readonly port: number;
  readonly proto: FlowProto;
  /** Container ports of the destination pod (named ports). */
  readonly dstPorts?: readonly ContainerPort[];
  readonly l7: L7Payload;
  /** Ingress from the pod's own node (allow-localhost=always in Kubernetes mode). */
  readonly localhost: boolean;
}

function matchType(e: Entry): MatchType {
  const anyPeer = e.peer.kind === "all";
  if (!e.ports) return anyPeer ? "all" : "L3-Only";
  return anyPeer ? "L4-Only" : "L3-L4";
}

const ddCache = new WeakMap<SubjectPolicy, { by: string; refs: MatchRef[] }>();
const ruleName = (r: CompiledRule): string =>
  `${r.kind} ${r.namespace !== undefined ? `${r.namespace}/` : ""}${r.name}`;
/**
 * Who put the subject in default deny (cached per subject: most dropped flows need it). Only rules that
 * keep default deny on for this direction count; a rule with enableDefaultDeny.<dir>: false only
 * contributes its deny rules (pkg/policy/repository.go, Documentation/security/policy/language.rst).
 */
function defaultDenyInfo(c: Compiled, sp: SubjectPolicy): { by: string; refs: MatchRef[] } {
  let d = ddCache.get(sp);
  if (!d) {
    const dir = sp.dir;
    const mode = c.world.settings.enforcementMode;
    const on = sp.enforcement.rules.filter((r) => r.defaultDeny[dir]);
    const off = [...new Set(sp.enforcement.rules.filter((r) => !r.defaultDeny[dir]).map(ruleName))];
    const names = [...new Set(on.map(ruleName))];
    const optOut =
      off.length > 0
        ? `; ${off.join(", ")} ${off.length === 1 ? "opts" : "opt"} out with enableDefaultDeny.${dir}: false`
        : "";
    const by =
      sp.enforcement.case === "mode-always"
        ? `policy enforcement mode is always${names.length > 0 ? ` (selected by ${names.join(", ")})` : ""}`
        : `${names.join(", ")} ${names.length === 1 ? "selects" : "select"} it (policy enforcement mode ${mode}${optOut})`;
    const refs = uniqRefs(
      on.map((r) => ({
        policy: ruleName(r),
        kind: r.kind,
        namespace: r.namespace,
        name: r.name,
        direction: dir,
        specIndex: r.specIndex,
        effect: "default-deny" as const,
      })),
    );
    d = { by, refs };
    ddCache.set(sp, d);
  }
  return d;
}

/** The decision without any explanation text (the hot path). */
export interface CoreResult {
  readonly outcome: DirectionResult["outcome"];
  /** Deciding entries: denies for "denied", allows otherwise. */
  readonly entries: readonly Entry[];
  readonly proxy?: "http" | "dns";
  /** For L7 outcomes: the entry that allowed the request. */
  readonly hit?: Entry;
}

const NONE: readonly Entry[] = [];

interface L4Result {
  /** The final answer when neither allow-localhost nor an L7 payload changes it. */
  readonly settled?: CoreResult;
  readonly denies: readonly Entry[];
  readonly allows: readonly Entry[];
  /** Some matching allow has no L7 rules (L7 is then not enforced for this peer and port). */
  readonly plain: boolean;
  readonly proxy?: "http" | "dns";
}

const PROTO_CODE: Readonly<Record<string, number>> = { TCP: 1, UDP: 2, SCTP: 3, ICMP: 4 };

function l4Result(
  c: Compiled,
  sp: SubjectPolicy,
  peer: PeerView,
  port: number,
  proto: FlowProto,
  dstPorts: readonly ContainerPort[] | undefined,
): L4Result {
  // One numeric key per (peer, port, protocol): the warm path is a single Map lookup.
  const key = (c.viewNum(peer) * 65536 + port) * 8 + (PROTO_CODE[proto] ?? 0);
  if (!sp.named) {
    const hit = sp.l4.get(key) as L4Result | undefined;
    if (hit) return hit;
  }
  const match = (e: Entry): boolean =>
    c.cachedMatch(e.peer, peer) && (!e.ports || e.ports.some((p) => portMatcher.allows(p, port, proto, dstPorts)));
  let denies: Entry[] | undefined;
  for (const e of sp.deny) if (match(e)) (denies ??= []).push(e);
  let allows: Entry[] | undefined;
  let proxy: "http" | "dns" | undefined;
  let plain = false;
  for (const e of sp.allow) {
    if (!match(e)) continue;
    (allows ??= []).push(e);
    if (e.l7) proxy ??= e.l7.kind;
    else plain = true;
  }
  const settled: CoreResult | undefined = denies
    ? { outcome: "denied", entries: denies }
    : !allows
      ? undefined
      : plain
        ? { outcome: "allowed", entries: allows, proxy }
        : undefined;
  const r: L4Result = { settled, denies: denies ?? NONE, allows: allows ?? NONE, plain, proxy };
  if (!sp.named) sp.l4.set(key, r);
  return r;
}

const DEFAULT_DENY: CoreResult = { outcome: "default-deny", entries: NONE };
const NO_DEFAULT_DENY: CoreResult = { outcome: "allowed-no-default-deny", entries: NONE };
const NOT_ENFORCED: CoreResult = { outcome: "not-enforced", entries: NONE };

export function decideCore(c: Compiled, inp: DirectionInput): CoreResult {
  return decideFast(c, inp.sp, inp.peer, inp.port, inp.proto, inp.dstPorts, inp.l7, inp.localhost);
}

/** decideCore with positional arguments (no allocation on the warm path). */
export function decideFast(
  c: Compiled,
  sp: SubjectPolicy,
  peer: PeerView,
  port: number,
  proto: FlowProto,
  dstPorts: readonly ContainerPort[] | undefined,
  l7: L7Payload,
  localhost: boolean,
): CoreResult {
  if (!sp.enforcement.enforced) return NOT_ENFORCED;
  const r = l4Result(c, sp, peer, port, proto, dstPorts);
  if (r.settled && (!localhost || r.settled.outcome === "denied")) return r.settled;
  const inp = { l7, localhost };
  if (r.denies.length > 0) return { outcome: "denied", entries: r.denies };
  if (inp.localhost) return { outcome: "localhost", entries: NONE };
  if (r.allows.length === 0) return sp.enforcement.defaultDeny ? DEFAULT_DENY : NO_DEFAULT_DENY;
  const { proxy, allows } = r;
  if (r.plain) return { outcome: "allowed", entries: allows, proxy };
  if (proxy === "http" && inp.l7.http) {
    const req = inp.l7.http;
    const hit = allows.find((e) => e.l7?.kind === "http" && e.l7.rules.some((x) => httpMatcher.allows(x, req)));
    return hit ? { outcome: "allowed", entries: allows, proxy, hit } : { outcome: "l7-denied", entries: allows, proxy };
  }
  if (proxy === "dns" && inp.l7.dnsQuery !== undefined) {
    const q = inp.l7.dnsQuery;
    const hit = allows.find((e) => e.l7?.kind === "dns" && e.l7.rules.some((x) => dnsMatcher.allows(x, q)));
    return hit ? { outcome: "allowed", entries: allows, proxy, hit } : { outcome: "l7-denied", entries: allows, proxy };
  }
  return { outcome: "allowed", entries: allows, proxy };
}

/** decideCore plus the explanation (reason text, matched rules, Hubble match type). */
export function decideDirection(c: Compiled, inp: DirectionInput): DirectionResult {
  const { sp, peer, port, proto } = inp;
  const dir = sp.dir;
  const subject = inp.subjectName;
  const svc = svcText(proto, port);
  const core = decideCore(c, inp);
  switch (core.outcome) {
    case "not-enforced": {
      const why =
        sp.enforcement.case === "mode-never"
          ? "policy enforcement is disabled (enable-policy=never)"
          : sp.enforcement.case === "host-firewall-off"
            ? "the host firewall is disabled, so host policies are not enforced"
            : `no policy with ${dir} rules selects it`;
      return {
        direction: dir,
        subject,
        enforced: false,
        outcome: "not-enforced",
        matchType: "all",
        matched: NO_REFS,
        reason: `${dir} of ${subject} is not enforced: ${why}`,
      };
    }
    case "denied": {
      const d = core.entries[0] as Entry;
      return {
        direction: dir,
        subject,
        enforced: true,
        outcome: "denied",
        matchType: matchType(d),
        matched: refsOf(core.entries, "deny"),
        reason: `${dir} ${dir === "ingress" ? "to" : "from"} ${subject} denied by ${ruleLabel(d)} (${peerText(peer)} on ${svc}); deny rules take precedence over allow rules`,
      };
    }
    case "localhost":
      return {
        direction: dir,
        subject,
        enforced: true,
        outcome: "localhost",
        matchType: "L3-Only",
        matched: NO_REFS,
        reason: `ingress to ${subject} allowed: Cilium always admits traffic from the pod's own node (allow-localhost)`,
      };
    case "allowed-no-default-deny":
      return {
        direction: dir,
        subject,
        enforced: true,
        outcome: "allowed-no-default-deny",
        matchType: "all",
        matched: NO_REFS,
        reason: `${dir} of ${subject} allowed: no rule denies it and every selecting rule sets enableDefaultDeny.${dir}=false`,
      };
    case "default-deny": {
      const dd = defaultDenyInfo(c, sp);
      return {
        direction: dir,
        subject,
        enforced: true,
        outcome: "default-deny",
        matchType: "none",
        matched: dd.refs,
        reason: `${dir} default-deny on ${subject} since ${dd.by}; ${nearText(c, inp, svc)}`,
      };
    }
    default:
      break;
  }
  const plain = plainEntries(core.entries);
  if (plain.length > 0) {
    const e = plain[0] as Entry;
    return {
      direction: dir,
      subject,
      enforced: true,
      outcome: "allowed",
      matchType: matchType(e),
      matched: refsOf(plain, "allow"),
      proxy: core.proxy,
      reason: `${dir} ${dir === "ingress" ? "to" : "from"} ${subject} allowed by ${ruleLabel(e)} (${peerText(peer)} on ${svc}${e.peer.kind === "fqdn" ? `; ${fqdnHit(peer)}` : ""})`,
    };
  }
  return decideL7(inp, core, { direction: dir, subject }, svc);
}

const NO_REFS: readonly MatchRef[] = [];

/** nearText per subject and (peer, port, protocol): most flows a bench or a grade explains are default-deny drops. */
const nearCache = new WeakMap<SubjectPolicy, Map<number, string>>();
/** Subjects with named ports: their answers also depend on the destination's container ports. */
const nearNamed = new WeakMap<readonly ContainerPort[], WeakMap<SubjectPolicy, Map<number, string>>>();

/** Why nothing allowed the flow: the nearest allow rule and what failed (and, to the outside, what toFQDNs saw). */
function nearText(c: Compiled, inp: DirectionInput, svc: string): string {
  const { sp, peer } = inp;
  if (sp.allow.length === 0) return "no rule allows anything";
  let bySubject = nearCache;
  if (sp.named) {
    if (!inp.dstPorts) return computeNear(c, inp, svc);
    let w = nearNamed.get(inp.dstPorts);
    if (!w) nearNamed.set(inp.dstPorts, (w = new WeakMap()));
    bySubject = w;
  }
  const key = (c.viewNum(peer) * 65536 + inp.port) * 8 + (PROTO_CODE[inp.proto] ?? 0);
  let m = bySubject.get(sp);
  if (!m) bySubject.set(sp, (m = new Map()));
  let t = m.get(key);
  if (t === undefined) m.set(key, (t = computeNear(c, inp, svc)));
  return t;
}

function computeNear(c: Compiled, inp: DirectionInput, svc: string): string {
  const { sp, peer } = inp;
  const miss = nearestMiss(c, sp.allow, peer, inp.port, inp.proto, inp.dstPorts);
  let t = `no rule allows ${peerText(peer)} on ${svc}`;
  if (miss) t += `; ${miss.text}`;
  if (sp.dir === "egress" && miss?.entry.peer.kind !== "fqdn" && hasFqdn(sp))
    t += `; toFQDNs: ${fqdnMiss(
      peer,
      sp.allow.map((e) => e.peer),
    )}`;
  return t;
}

const fqdnSubjects = new WeakMap<SubjectPolicy, boolean>();
function hasFqdn(sp: SubjectPolicy): boolean {
  let b = fqdnSubjects.get(sp);
  if (b === undefined) fqdnSubjects.set(sp, (b = sp.allow.some((e) => e.peer.kind === "fqdn")));
  return b;
}

/** `destination 198.51.100.7, learned by the DNS proxy as api.partner.io (agent on node worker2)`. */
function fqdnHit(peer: PeerView): string {
  return `destination ${peer.ip}, learned by the DNS proxy as ${peer.names.join(", ")}${peer.agent !== undefined ? ` (agent on node ${peer.agent})` : ""}`;
}

/** The entries without L7 rules, cached per (memoized) entries array. */
const plainCache = new WeakMap<readonly Entry[], readonly Entry[]>();
function plainEntries(entries: readonly Entry[]): readonly Entry[] {
  let p = plainCache.get(entries);
  if (!p) {
    p = entries.every((e) => !e.l7) ? entries : entries.filter((e) => !e.l7);
    plainCache.set(entries, p);
  }
  return p;
}

function decideL7(
  inp: DirectionInput,
  core: CoreResult,
  base: { direction: DirectionResult["direction"]; subject: string },
  svc: string,
): DirectionResult {
  const allows = core.entries;
  const first = allows[0] as Entry;
  const mt = matchType(first);
  const kind = core.proxy as "http" | "dns";
  const hit = core.hit;
  if (core.outcome === "allowed" && hit && kind === "http" && inp.l7.http) {
    const req = inp.l7.http;
    const r = hit.l7?.kind === "http" ? hit.l7.rules.find((x) => httpMatcher.allows(x, req)) : undefined;
    return {
      ...base,
      enforced: true,
      outcome: "allowed",
      matchType: mt,
      proxy: "http",
      matched: [ref(hit, "l7-allow")],
      reason: `${base.direction} HTTP ${req.method} ${req.path} allowed by ${ruleLabel(hit)} (L7 rule ${r ? httpRuleText(r) : "?"} on ${svc})`,
    };
  }
  if (core.outcome === "allowed" && hit && kind === "dns") {
    const r =
      hit.l7?.kind === "dns" ? hit.l7.rules.find((x) => dnsMatcher.allows(x, inp.l7.dnsQuery ?? "")) : undefined;
    return {
      ...base,
      enforced: true,
      outcome: "allowed",
      matchType: mt,
      proxy: "dns",
      matched: [ref(hit, "l7-allow")],
      reason: `DNS query ${inp.l7.dnsQuery ?? ""} allowed by ${ruleLabel(hit)} (DNS proxy, ${r ? dnsRuleText(r) : "?"})`,
    };
  }
  if (core.outcome === "l7-denied" && kind === "http" && inp.l7.http) {
    const req = inp.l7.http;
    return {
      ...base,
      enforced: true,
      outcome: "l7-denied",
      matchType: mt,
      proxy: "http",
      matched: refsOf(allows, "l7-deny"),
      reason: `the HTTP proxy answers 403 Access denied: ${req.method} ${req.path} matches no HTTP rule allowed on ${svc}: ${httpMisses(allows, req)}`,
    };
  }
  if (core.outcome === "l7-denied") {
    return {
      ...base,
      enforced: true,
      outcome: "l7-denied",
      matchType: mt,
      proxy: "dns",
      matched: refsOf(allows, "l7-deny"),
      reason: `the DNS proxy refuses ${inp.l7.dnsQuery ?? ""} (answer REFUSED): it matches none of the allowed names: ${describeDns(allows)}`,
    };
  }
  return {
    ...base,
    enforced: true,
    outcome: "allowed",
    matchType: mt,
    proxy: kind,
    matched: refsOf(allows, "l7-allow"),
    reason: `${base.direction} on ${svc} allowed at L4 by ${ruleLabel(first)}; requests go through the ${kind === "http" ? "HTTP" : "DNS"} proxy, which allows ${kind === "http" ? describeHttp(allows) : describeDns(allows)}`,
  };
}

/** `GET /api/.* host api.example.com with header X-Team: blue` — one HTTP rule in words. */
function httpRuleText(r: HttpRule): string {
  const parts = [r.method ?? "any method", r.path ?? "any path"];
  if (r.host) parts.push(`host ${r.host}`);
  const hs = [...r.headers, ...r.headerMatches.map((h) => (h.value !== undefined ? `${h.name}: ${h.value}` : h.name))];
  if (hs.length > 0) parts.push(`with header${hs.length > 1 ? "s" : ""} ${hs.join(", ")}`);
  return parts.join(" ");
}

function dnsRuleText(r: DnsRule): string {
  return r.matchName !== undefined ? `matchName ${r.matchName}` : `matchPattern ${r.matchPattern ?? ""}`;
}

/** Every HTTP alternative on the port, each with its own policy rule and the part of the request it refused. */
function httpMisses(allows: readonly Entry[], req: HttpRequest): string {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const e of allows) {
    if (e.l7?.kind !== "http") continue;
    for (const r of e.l7.rules) {
      const m = httpMatcher.mismatch(r, req);
      const t = `${ruleLabel(e)} allows ${httpRuleText(r)}, but ${m ? mismatchText(m) : "?"}`;
      if (!seen.has(t)) out.push(t);
      seen.add(t);
    }
  }
  return out.join("; ") || "no HTTP rule allows any request";
}

/** The alternatives with the rule each comes from: `GET /a (CNP x ingress[0]) or POST /b (…)`. */
function describeHttp(allows: readonly Entry[]): string {
  const parts = allows.flatMap((e) =>
    e.l7?.kind === "http" ? e.l7.rules.map((r) => `${httpRuleText(r)} (${ruleLabel(e)})`) : [],
  );
  return [...new Set(parts)].join(" or ") || "(no request)";
}

function describeDns(allows: readonly Entry[]): string {
  const parts = allows.flatMap((e) =>
    e.l7?.kind === "dns" ? e.l7.rules.map((r) => `${dnsRuleText(r)} (${ruleLabel(e)})`) : [],
  );
  return [...new Set(parts)].join(", ") || "(nothing)";
}
