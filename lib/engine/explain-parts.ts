/**
 * The pieces of an explained verdict, cached so that explaining a flow mostly joins strings and shares
 * immutable MatchRef objects: policy names and rule labels per entry, match references per entry and
 * effect (and per memoized entries array), the identity text per identity, `TCP/80` per port.
 * The texts are exactly what decide.ts printed when it formatted them for every flow.
 */
import { describeIdentity } from "./identity";
import type { PeerView } from "./matchers/peer-view";
import type { FlowProto } from "./matchers/ports";
import type { Entry } from "./policy/types";
import type { MatchRef } from "./verdict-types";

const PROTO_CODE: Readonly<Record<string, number>> = { TCP: 1, UDP: 2, SCTP: 3, ICMP: 4 };

const policyNames = new WeakMap<Entry, string>();
export function policyName(e: Entry): string {
  let n = policyNames.get(e);
  if (n === undefined) {
    const o = e.origin;
    n = `${o.kind} ${o.namespace !== undefined ? `${o.namespace}/` : ""}${o.name}`;
    policyNames.set(e, n);
  }
  return n;
}

const refCache = new WeakMap<Entry, Partial<Record<MatchRef["effect"], MatchRef>>>();
export function ref(e: Entry, effect: MatchRef["effect"]): MatchRef {
  let byEffect = refCache.get(e);
  if (!byEffect) refCache.set(e, (byEffect = {}));
  let r = byEffect[effect];
  if (!r) {
    const o = e.origin;
    r = {
      policy: policyName(e),
      kind: o.kind,
      namespace: o.namespace,
      name: o.name,
      direction: o.section.startsWith("ingress") ? "ingress" : "egress",
      section: o.section,
      ruleIndex: o.ruleIndex,
      specIndex: o.specIndex,
      effect,
      ...(o.log !== undefined ? { log: o.log } : {}),
    };
    byEffect[effect] = r;
  }
  return r;
}

/** uniqRefs(entries.map(ref)) — cached per (memoized) entries array and effect. */
const refsCache = new WeakMap<readonly Entry[], Partial<Record<MatchRef["effect"], readonly MatchRef[]>>>();
export function refsOf(entries: readonly Entry[], effect: MatchRef["effect"]): readonly MatchRef[] {
  let byEffect = refsCache.get(entries);
  if (!byEffect) refsCache.set(entries, (byEffect = {}));
  let r = byEffect[effect];
  if (!r) {
    r = uniqRefs(entries.map((e) => ref(e, effect)));
    byEffect[effect] = r;
  }
  return r;
}

const ruleLabels = new WeakMap<Entry, string>();
export function ruleLabel(e: Entry): string {
  let l = ruleLabels.get(e);
  if (l === undefined) {
    const o = e.origin;
    l = `${policyName(e)} ${o.specIndex !== undefined ? `specs[${o.specIndex}].` : ""}${o.section}[${o.ruleIndex}]`;
    ruleLabels.set(e, l);
  }
  return l;
}

const peerTexts = new WeakMap<PeerView["identity"], string>();
export function peerText(peer: PeerView): string {
  let t = peerTexts.get(peer.identity);
  if (t === undefined) {
    t = `identity ${peer.identity.id} (${describeIdentity(peer.identity)})`;
    peerTexts.set(peer.identity, t);
  }
  return t;
}

/** `TCP/80` — interned per protocol and port. */
const svcTexts = new Map<number, string>();
export function svcText(proto: FlowProto, port: number): string {
  const k = (PROTO_CODE[proto] ?? 0) * 65536 + port;
  let t = svcTexts.get(k);
  if (t === undefined) {
    t = `${proto}/${port}`;
    svcTexts.set(k, t);
  }
  return t;
}

export function uniqRefs(refs: MatchRef[]): MatchRef[] {
  if (refs.length < 2) return refs;
  const seen = new Set<string>();
  return refs.filter((r) => {
    const k = `${r.policy}|${r.section}|${r.ruleIndex}|${r.specIndex}|${r.effect}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * The `log.value`s Hubble puts in a flow's policy_log: those of the rules that allowed it (not deny rules nor
 * default deny), sorted and unique.
 */
export function allowLogs(steps: readonly { readonly matched: readonly MatchRef[] }[]): string[] {
  const logs = new Set<string>();
  for (const s of steps)
    for (const m of s.matched)
      if (m.log !== undefined && (m.effect === "allow" || m.effect === "l7-allow")) logs.add(m.log);
  return [...logs].sort();
}
