/**
 * Per-snapshot compilation, like Cilium's policy repository + selector cache: every stored policy is
 * analyzed once (cached per object), rules are grouped per subject (pod identity or host) and direction,
 * and each (subject, direction, peer, port, protocol) L4 decision is computed once and memoized (decide.ts)
 * — so a verdict is a few map lookups plus a port check.
 */
import { cmpStr } from "../brand";
import { computeEnforcement, type Enforcement } from "../enforcement";
import type { Identity } from "../identity";
import type { Prefix } from "../ip";
import { cidrGroupIndex, type CidrGroups } from "../matchers/cidr-group";
import { cidrMatcher } from "../matchers/cidr";
import { endpointSelectorMatcher } from "../matchers/endpoint-selector";
import { entityMatcher } from "../matchers/entity";
import { fqdnMatcher } from "../matchers/fqdn";
import type { PeerView } from "../matchers/peer-view";
import { serviceMatcher } from "../matchers/service";
import { parseIPv4 } from "../ip";
import { cidrSelects } from "../cidr-match-mode";
import type { NodeModel, PodModel, PolicyObject, World } from "../model";
import { parseEgressGatewayPolicy, type EgressGatewayPolicy } from "../policy/cegp";
import { analyzeCiliumPolicy } from "../policy/cnp";
import { analyzeNetworkPolicy } from "../policy/knp";
import { buildTiers, type Tiers } from "../tiers";
import { VALID_MESSAGE } from "../policy/cnp";
import type { CompiledRule, Direction, Entry, Peer, PolicyAnalysis } from "../policy/types";
import { indexLabels, k8sLabels } from "../labels";
import { selectorMatches } from "../selector";
import { buildIdentities, type IdentityTable } from "./identities";
import { buildWorldIndex, podKey, serviceBackends, type WorldIndex } from "./world-index";

export type SubjectRef =
  { readonly kind: "pod"; readonly identity: Identity } | { readonly kind: "host"; readonly node: NodeModel };

export interface SubjectPolicy {
  readonly key: string;
  readonly dir: Direction;
  readonly enforcement: Enforcement;
  readonly allow: readonly Entry[];
  readonly deny: readonly Entry[];
  /** L4 decisions per (peer, port, protocol): the hot-path lookup (see decide.ts). */
  readonly l4: Map<number, unknown>;
  /** Some entry uses a named port (L4 results then depend on the destination pod). */
  readonly named: boolean;
}

export interface Compiled {
  readonly world: World;
  readonly index: WorldIndex;
  readonly identities: IdentityTable;
  /** Every stored NP/CNP/CCNP, sorted by key. */
  readonly analyses: readonly PolicyAnalysis[];
  readonly rules: readonly CompiledRule[];
  readonly egressPolicies: readonly EgressGatewayPolicy[];
  /** ClusterNetworkPolicies by tier (Admin before, Baseline after the NetworkPolicy tier). */
  readonly tiers: Tiers;
  subject(s: SubjectRef, dir: Direction): SubjectPolicy;
  /** The identity of a (non-hostNetwork) pod of this snapshot. */
  podIdentity(pod: PodModel): Identity | undefined;
  /** How a pod looks as a peer (cached). */
  podView(pod: PodModel): PeerView;
  /**
   * Eagerly compile everything for pod traffic, as Cilium's agent does at policy import: each pod
   * identity's policy in both directions and the selector cache (every rule peer × every pod identity).
   */
  precompute(): void;
  /** Small integer for a peer view key (memo keys). */
  viewNum(view: PeerView): number;
  /** Does this peer match this rule peer? (exposed for explanations and the matrix) */
  peerMatches(p: Peer, view: PeerView): boolean;
  /** peerMatches through the selector cache. */
  cachedMatch(p: Peer, view: PeerView): boolean;
}

/** One cache per enable-node-selector-labels value: it decides whether toNodes/fromNodes validate. */
const analysisCaches = [new WeakMap<PolicyObject, PolicyAnalysis>(), new WeakMap<PolicyObject, PolicyAnalysis>()];
const egwCache = new WeakMap<PolicyObject, EgressGatewayPolicy>();

/** One cache per enable-k8s-cluster-network-policy value: off, the Policies view says the policy is ignored. */
const tierAnalysisCaches = [new WeakMap<PolicyObject, PolicyAnalysis>(), new WeakMap<PolicyObject, PolicyAnalysis>()];

export const CLUSTER_NETWORK_POLICY_IGNORED =
  "ignored: the agents enforce ClusterNetworkPolicies only with enable-k8s-cluster-network-policy=true (helm k8sClusterNetworkPolicy.enabled), which is off";

/** A ClusterNetworkPolicy in the policy list: its rules live in the tiers (tiers.ts), not in the NetworkPolicy tier. */
function analyzeTierPolicy(obj: PolicyObject, enabled: boolean): PolicyAnalysis {
  const cache = tierAnalysisCaches[enabled ? 1 : 0] as WeakMap<PolicyObject, PolicyAnalysis>;
  let a = cache.get(obj);
  if (!a) {
    a = {
      key: obj.key,
      kind: obj.kind,
      name: obj.name,
      valid: true,
      message: VALID_MESSAGE,
      problems: enabled ? [] : [{ severity: "warning", message: CLUSTER_NETWORK_POLICY_IGNORED }],
      rules: [],
    };
    cache.set(obj, a);
  }
  return a;
}

export function analyzePolicy(
  obj: PolicyObject,
  nodeSelectorLabels = false,
  clusterNetworkPolicy = false,
): PolicyAnalysis | undefined {
  if (obj.kind === "CiliumEgressGatewayPolicy") return undefined;
  if (obj.kind === "ClusterNetworkPolicy") return analyzeTierPolicy(obj, clusterNetworkPolicy);
  const cache = analysisCaches[nodeSelectorLabels ? 1 : 0] as WeakMap<PolicyObject, PolicyAnalysis>;
  let a = cache.get(obj);
  if (!a) {
    a = obj.kind === "NetworkPolicy" ? analyzeNetworkPolicy(obj) : analyzeCiliumPolicy(obj, { nodeSelectorLabels });
    cache.set(obj, a);
  }
  return a;
}

export function egressPolicy(obj: PolicyObject): EgressGatewayPolicy {
  let p = egwCache.get(obj);
  if (!p) {
    p = parseEgressGatewayPolicy(obj);
    egwCache.set(obj, p);
  }
  return p;
}

function cidrPrefixes(rules: readonly CompiledRule[], groups: CidrGroups): Prefix[] {
  const out: Prefix[] = [];
  for (const r of rules)
    for (const e of [...r.ingress, ...r.egress]) {
      if (e.peer.kind === "cidr") out.push(e.peer.prefix, ...e.peer.except);
      else if (e.peer.kind === "cidrGroup") out.push(...groups.prefixes(e.peer));
    }
  return out;
}

const nodeLabelIndexes = new WeakMap<NodeModel, ReturnType<typeof indexLabels>>();
function nodeLabelIndex(n: NodeModel): ReturnType<typeof indexLabels> {
  let i = nodeLabelIndexes.get(n);
  if (!i) nodeLabelIndexes.set(n, (i = indexLabels(k8sLabels(n.labels))));
  return i;
}

export function compileWorld(world: World): Compiled {
  const index = buildWorldIndex(world);
  const analyses: PolicyAnalysis[] = [];
  const egressPolicies: EgressGatewayPolicy[] = [];
  for (const obj of [...world.policies].sort((a, b) => cmpStr(a.key, b.key))) {
    if (obj.kind === "CiliumEgressGatewayPolicy") egressPolicies.push(egressPolicy(obj));
    else
      analyses.push(
        analyzePolicy(
          obj,
          world.settings.nodeSelectorLabels === true,
          world.settings.clusterNetworkPolicy === true,
        ) as PolicyAnalysis,
      );
  }
  const rules = analyses.filter((a) => a.valid).flatMap((a) => a.rules);
  const groups = cidrGroupIndex(world.cidrGroups ?? []);
  const identities = buildIdentities(index, cidrPrefixes(rules, groups));
  const subjects = new Map<string, SubjectPolicy>();
  const svcIPs = new Map<string, Set<string>>();

  const backendIPs = (p: Extract<Peer, { kind: "service" }>): Set<string> => {
    const k = `${p.namespace}/${p.name ?? ""}/${p.selector?.key ?? ""}`;
    let s = svcIPs.get(k);
    if (!s) {
      s = new Set<string>();
      for (const svc of world.services) {
        if (svc.namespace !== p.namespace) continue;
        if (
          p.name !== undefined
            ? svc.name !== p.name
            : !(p.selector && selectorMatches(p.selector, indexLabels(k8sLabels(svc.selector ?? {}))))
        )
          continue;
        for (const b of serviceBackends(world, svc)) s.add(b.ip);
      }
      svcIPs.set(k, s);
    }
    return s;
  };

  const peerMatches = (p: Peer, view: PeerView): boolean => {
    switch (p.kind) {
      case "all":
        return true;
      case "endpoints":
        return endpointSelectorMatcher.allows(p.selector, view);
      case "entity":
        return entityMatcher.allows(p.entity, view, world.clusterName);
      case "cidr":
        return cidrMatcher.allows(p.prefix, p.except, view);
      case "cidrGroup":
        return groups.prefixes(p).some((g) => cidrMatcher.allows(g, [], view));
      case "fqdn":
        return fqdnMatcher.allows(p.re, view);
      case "service":
        return serviceMatcher.allows(backendIPs(p), view);
      case "nodes":
        // toNodes/fromNodes select the local host and remote nodes by the node's labels.
        return view.node !== undefined && selectorMatches(p.selector, nodeLabelIndex(view.node));
    }
  };

  const selects = (r: CompiledRule, s: SubjectRef): boolean => {
    if (s.kind === "pod")
      return r.subject.kind === "endpoints" && selectorMatches(r.subject.selector, s.identity.index);
    // Host policies: only nodeSelector rules of a CCNP select the host endpoint (pkg/policy/rules.go).
    return r.subject.kind === "nodes" && selectorMatches(r.subject.selector, indexLabels(k8sLabels(s.node.labels)));
  };

  const podSubjects = { ingress: new Map<Identity, SubjectPolicy>(), egress: new Map<Identity, SubjectPolicy>() };
  const subject = (s: SubjectRef, dir: Direction): SubjectPolicy => {
    let sp = s.kind === "pod" ? podSubjects[dir].get(s.identity) : subjects.get(`host:${s.node.name}:${dir}`);
    if (!sp) {
      const key = `${s.kind === "pod" ? `pod:${s.identity.id}` : `host:${s.node.name}`}:${dir}`;
      const selecting = rules.filter((r) => selects(r, s));
      const enforcement = computeEnforcement(
        world.settings.enforcementMode,
        s.kind === "host",
        world.settings.hostFirewall,
        selecting,
        dir,
      );
      const entries = enforcement.rules.flatMap((r) => (dir === "ingress" ? r.ingress : r.egress));
      const named = entries.some((e) => e.ports?.some((x) => x.name !== undefined) ?? false);
      sp = {
        key,
        dir,
        enforcement,
        allow: entries.filter((e) => !e.deny),
        deny: entries.filter((e) => e.deny),
        l4: new Map(),
        named,
      };
      if (s.kind === "pod") podSubjects[dir].set(s.identity, sp);
      else subjects.set(key, sp);
    }
    return sp;
  };

  const viewNums = new Map<string, number>();
  const viewNum = (view: PeerView): number => {
    if (view.num !== undefined) return view.num;
    let n = viewNums.get(view.key);
    if (n === undefined) {
      n = viewNums.size + 1;
      viewNums.set(view.key, n);
    }
    return n;
  };
  const podIds = new Map<PodModel, Identity>();
  for (const p of world.pods) {
    const idn = identities.pods.get(podKey(p));
    if (idn) podIds.set(p, idn);
  }
  const podIdentity = (pod: PodModel): Identity | undefined => podIds.get(pod) ?? identities.pods.get(podKey(pod));
  const views = new Map<PodModel, PeerView>();
  const cidrPods = cidrSelects(world.settings, "pods");
  const podView = (pod: PodModel): PeerView => {
    let v = views.get(pod);
    if (!v) {
      const identity = podIdentity(pod) as Identity;
      // policy-cidr-match-mode=pods: CIDR selectors also select pod IPs, so the view carries the IP
      // (and the memo key, since pods sharing an identity differ by address).
      if (cidrPods) {
        const key = `p${identity.id}|${pod.ip}`;
        const worldIP = parseIPv4(pod.ip);
        v = { key, num: viewNum({ key } as PeerView), identity, ip: pod.ip, worldIP, names: [], pod };
      } else {
        const key = `p${identity.id}`;
        v = { key, num: viewNum({ key } as PeerView), identity, ip: pod.ip, names: [], pod };
      }
      views.set(pod, v);
    }
    return v;
  };

  // The selector cache: a rule peer's answer for an identity view is computed once per snapshot, and
  // shared by every subject the rule applies to (Cilium's SelectorCache).
  // Stored as one byte per peer view (0 unknown, 1 no, 2 yes), indexed by the view's number.
  const selectorCache = new Map<Peer, Uint8Array>();
  const cachedMatch = (p: Peer, view: PeerView): boolean => {
    if (p.kind === "all") return true;
    const n = viewNum(view);
    let m = selectorCache.get(p);
    if (!m || m.length <= n) {
      const grown = new Uint8Array(Math.max(1024, (n + 1) * 2));
      if (m) grown.set(m);
      m = grown;
      selectorCache.set(p, m);
    }
    let r = m[n] as number;
    if (r === 0) {
      r = peerMatches(p, view) ? 2 : 1;
      m[n] = r;
    }
    return r === 2;
  };
  const precompute = (): void => {
    const seen = new Set<Identity>();
    const reps: PeerView[] = [];
    for (const p of world.pods) {
      const idn = podIdentity(p);
      if (!idn || seen.has(idn)) continue;
      seen.add(idn);
      reps.push(podView(p));
      subject({ kind: "pod", identity: idn }, "ingress");
      subject({ kind: "pod", identity: idn }, "egress");
    }
    for (const r of rules) for (const e of [...r.ingress, ...r.egress]) for (const v of reps) cachedMatch(e.peer, v);
  };

  return {
    world,
    index,
    identities,
    analyses,
    rules,
    egressPolicies,
    tiers: buildTiers(world),
    subject,
    peerMatches,
    podIdentity,
    podView,
    precompute,
    viewNum,
    cachedMatch,
  };
}
