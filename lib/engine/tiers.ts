/**
 * ClusterNetworkPolicy tiers around the NetworkPolicy tier (Cilium 1.20 with enable-k8s-cluster-network-policy;
 * network-policy-api v0.2.0 apis/v1alpha2/clusternetworkpolicy_types.go), per direction and endpoint:
 *
 *   1. Admin tier: the policies whose subject selects the pod, by priority (lower first; ties by name), each
 *      policy's rules in written order. The first rule whose peer and protocol match decides: Accept → allowed
 *      for this direction (no NetworkPolicy or Cilium rule, no L7 proxy); Deny → dropped; Pass → the rest of
 *      the Admin tier is skipped.
 *   2. NetworkPolicy tier: everything decide.ts does (NP, CNP, CCNP, deny rules, default deny, L7). When a policy
 *      puts the endpoint into default deny for the direction, or one of its rules matched, its decision is final.
 *   3. Baseline tier, like the Admin tier (Pass → the default); then the default: allowed.
 *
 * A ClusterNetworkPolicy never puts an endpoint into default deny. Host-networked pods are never subjects or
 * peers (host endpoints have no tiers); `networks` matches any IP in the CIDR, pods included. With the agent flag
 * off, or enable-policy=never, the tiers are skipped (and an explained verdict says a policy was ignored).
 */
import type { Compiled } from "./compile/compiled";
import { decideDirection, type DirectionInput } from "./decide";
import { peerText, svcText } from "./explain-parts";
import { parseIPv4, prefixContainsIP } from "./ip";
import { indexLabels, k8sLabels, type LabelIndex } from "./labels";
import type { PeerView } from "./matchers/peer-view";
import { type FlowProto, portMatcher } from "./matchers/ports";
import type { ContainerPort, PodModel, World } from "./model";
import {
  parseClusterNetworkPolicy,
  type Tier,
  type TierPeer,
  type TierPolicy,
  type TierRule,
  type TierSelection,
} from "./policy/cluster-network-policy";
import type { Direction } from "./policy/types";
import { selectorMatches } from "./selector";
import type { DirectionOutcome, DirectionResult, MatchRef } from "./verdict-types";

export interface Tiers {
  /** Some ClusterNetworkPolicy is stored (enforced or not). */
  readonly any: boolean;
  /** The agent flag is on and policy enforcement is not disabled: the tiers take part in verdicts. */
  readonly active: boolean;
  /** The rules that apply to a pod in a tier and direction, in evaluation order. */
  rulesFor(pod: PodModel, tier: Tier, dir: Direction): readonly TierRule[];
  /** Names of the ClusterNetworkPolicies whose subject selects the pod and that have rules for the direction. */
  selecting(pod: PodModel, dir: Direction): readonly string[];
  /** A subject or a pods/namespaces peer selects this pod (never a host-networked one). */
  selects(s: TierSelection, pod: PodModel): boolean;
}

const NO_RULES: readonly TierRule[] = [];

export function buildTiers(world: World): Tiers {
  const policies = world.policies
    .filter((p) => p.kind === "ClusterNetworkPolicy")
    .map(parseClusterNetworkPolicy)
    .filter((p): p is TierPolicy => p !== undefined)
    .sort((a, b) => a.priority - b.priority || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const any = policies.length > 0;
  const active = any && world.settings.clusterNetworkPolicy === true && world.settings.enforcementMode !== "never";
  const nsLabels = new Map<string, LabelIndex>(world.namespaces.map((n) => [n.name, indexLabels(k8sLabels(n.labels))]));
  const podLabels = new WeakMap<PodModel, LabelIndex>();
  const labelsOf = (pod: PodModel): LabelIndex => {
    let l = podLabels.get(pod);
    if (!l) podLabels.set(pod, (l = indexLabels(k8sLabels(pod.labels))));
    return l;
  };
  const selectsPod = (s: TierSelection, pod: PodModel): boolean => {
    if (pod.hostNetwork) return false;
    const ns = nsLabels.get(pod.namespace) ?? new Map();
    if (!selectorMatches(s.namespaces, ns)) return false;
    return s.kind === "namespaces" || selectorMatches(s.pods, labelsOf(pod));
  };
  const applicable = new WeakMap<PodModel, Map<string, readonly TierRule[]>>();
  const rulesFor = (pod: PodModel, tier: Tier, dir: Direction): readonly TierRule[] => {
    if (!any) return NO_RULES;
    let m = applicable.get(pod);
    if (!m) applicable.set(pod, (m = new Map()));
    const k = `${tier}:${dir}`;
    let r = m.get(k);
    if (!r) {
      r = policies.filter((p) => p.tier === tier && selectsPod(p.subject, pod)).flatMap((p) => p[dir]);
      m.set(k, r);
    }
    return r;
  };
  const selecting = (pod: PodModel, dir: Direction): readonly string[] =>
    any ? policies.filter((p) => p[dir].length > 0 && selectsPod(p.subject, pod)).map((p) => p.name) : [];
  return { any, active, rulesFor, selecting, selects: selectsPod };
}

/** A rule's peer against the other side of the flow. */
function peerMatches(c: Compiled, p: TierPeer, view: PeerView): boolean {
  if (p.kind === "networks") {
    const ip = parseIPv4(view.ip);
    return ip !== undefined && p.prefixes.some((x) => prefixContainsIP(x, ip));
  }
  // Pods and namespaces peers select pods only: never hosts, host-networked pods or the world.
  const pod = view.node === undefined ? view.pod : undefined;
  if (!pod || pod.hostNetwork) return false;
  return c.tiers.selects(p, pod);
}

function portsMatch(r: TierRule, port: number, proto: FlowProto, dstPorts: readonly ContainerPort[] | undefined) {
  return !r.ports || r.ports.some((p) => portMatcher.allows(p, port, proto, dstPorts));
}

/** The first rule of the tier that matches the flow (Accept, Deny or Pass), if any. */
export function tierHit(
  c: Compiled,
  pod: PodModel,
  tier: Tier,
  dir: Direction,
  peer: PeerView,
  port: number,
  proto: FlowProto,
  dstPorts: readonly ContainerPort[] | undefined,
): TierRule | undefined {
  for (const r of c.tiers.rulesFor(pod, tier, dir))
    if (portsMatch(r, port, proto, dstPorts) && r.peers.some((p) => peerMatches(c, p, peer))) return r;
  return undefined;
}

/** The NetworkPolicy tier has no say: nothing selects the endpoint for this direction and no rule matched. */
function npTierSilent(o: DirectionOutcome): boolean {
  return o === "not-enforced" || o === "allowed-no-default-deny";
}

/** decideFast's outcome with the tiers (the quick verdict path). */
export function tieredFast(
  c: Compiled,
  pod: PodModel | undefined,
  np: () => DirectionOutcome,
  dir: Direction,
  peer: PeerView,
  port: number,
  proto: FlowProto,
  dstPorts: readonly ContainerPort[] | undefined,
): DirectionOutcome {
  if (!pod || !c.tiers.active) return np();
  const admin = tierHit(c, pod, "Admin", dir, peer, port, proto, dstPorts);
  if (admin?.action === "Accept") return "allowed";
  if (admin?.action === "Deny") return "denied";
  const o = np();
  if (!npTierSilent(o)) return o;
  const base = tierHit(c, pod, "Baseline", dir, peer, port, proto, dstPorts);
  if (base?.action === "Accept") return "allowed";
  if (base?.action === "Deny") return "denied";
  return o;
}

function tierRef(r: TierRule): MatchRef {
  return {
    policy: `ClusterNetworkPolicy ${r.policyName}`,
    kind: "ClusterNetworkPolicy",
    name: r.policyName,
    direction: r.direction,
    section: r.direction,
    ruleIndex: r.index,
    effect: r.action === "Deny" ? "deny" : "allow",
    tier: r.tier,
    priority: r.priority,
    ...(r.name !== undefined ? { ruleName: r.name } : {}),
  };
}

const where = (r: TierRule): string => `${r.label} in the ${r.tier} tier (priority ${r.priority})`;

function decided(inp: DirectionInput, r: TierRule, note: string): DirectionResult {
  const dir = inp.sp.dir;
  const verb = r.action === "Deny" ? "denied" : "allowed";
  return {
    direction: dir,
    subject: inp.subjectName,
    enforced: true,
    outcome: r.action === "Deny" ? "denied" : "allowed",
    matchType: r.ports ? "L3-L4" : "L3-Only",
    matched: [tierRef(r)],
    reason: `${dir} ${dir === "ingress" ? "to" : "from"} ${inp.subjectName} ${verb} by ${where(r)}: ${r.action} (${peerText(inp.peer)} on ${svcText(inp.proto, inp.port)})${note}`,
  };
}

/** decideDirection with the tiers, explained: which ClusterNetworkPolicy rule decided or passed, in which tier. */
export function tieredDirection(c: Compiled, pod: PodModel | undefined, inp: DirectionInput): DirectionResult {
  if (!pod || !c.tiers.any) return decideDirection(c, inp);
  const dir = inp.sp.dir;
  if (!c.tiers.active) {
    const r = decideDirection(c, inp);
    const names = c.tiers.selecting(pod, dir);
    if (names.length === 0) return r;
    const why =
      c.world.settings.enforcementMode === "never"
        ? "policy enforcement is disabled (enable-policy=never)"
        : "the agents ignore ClusterNetworkPolicies while enable-k8s-cluster-network-policy is off (helm k8sClusterNetworkPolicy.enabled=false, the default)";
    return {
      ...r,
      reason: `${r.reason}; ${names.map((n) => `ClusterNetworkPolicy ${n}`).join(", ")} ${names.length === 1 ? "selects" : "select"} ${inp.subjectName} but ${names.length === 1 ? "is" : "are"} ignored: ${why}`,
    };
  }
  const { peer, port, proto, dstPorts } = inp;
  const admin = tierHit(c, pod, "Admin", dir, peer, port, proto, dstPorts);
  if (admin && admin.action !== "Pass")
    return decided(
      inp,
      admin,
      admin.action === "Accept" && dir === "egress"
        ? "; NetworkPolicy and Cilium policies of this direction are not consulted (the destination's ingress still is)"
        : admin.action === "Accept"
          ? "; NetworkPolicy and Cilium policies of this direction are not consulted"
          : "",
    );
  const passed = admin ? `${where(admin)} passes it (Pass): evaluation continues in the NetworkPolicy tier; ` : "";
  const r = decideDirection(c, inp);
  if (!npTierSilent(r.outcome)) return passed ? { ...r, reason: `${passed}${r.reason}` } : r;
  const base = tierHit(c, pod, "Baseline", dir, peer, port, proto, dstPorts);
  const silent = `no NetworkPolicy or Cilium policy decides ${dir} of ${inp.subjectName}`;
  if (base && base.action !== "Pass") {
    const d = decided(inp, base, `; ${silent}`);
    return passed ? { ...d, reason: `${passed}${d.reason}` } : d;
  }
  if (base)
    return {
      ...r,
      reason: `${passed}${silent}; ${where(base)} passes it (Pass): the default applies, allowed; ${r.reason}`,
    };
  return passed ? { ...r, reason: `${passed}${r.reason}` } : r;
}
