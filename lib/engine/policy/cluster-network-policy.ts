/**
 * Kubernetes ClusterNetworkPolicy (policy.networking.k8s.io/v1alpha2, network-policy-api v0.2.0 standard channel)
 * → tiered rules. The object is schema-valid when it reaches here (lib/cluster/schema/network-policy-api.ts).
 * Semantics (apis/v1alpha2/clusternetworkpolicy_types.go): a policy applies to the pods its `subject` selects
 * (never host-networked ones); its rules are checked in written order, the first whose peer and protocol match
 * decides with Accept, Deny or Pass. Policies of a tier are ordered by `priority` (lower first; the lab breaks
 * ties by name, as the spec leaves them to the implementation).
 */
import type { PolicyKey } from "../brand";
import { type Prefix, parsePrefix } from "../ip";
import { SOURCE_K8S } from "../labels";
import type { PolicyObject } from "../model";
import { fromRawSelector, type RawLabelSelector, type Selector } from "../selector";
import type { Direction, PortSpec } from "./types";
import { asArr, type Raw } from "@/lib/base/raw";

export type Tier = "Admin" | "Baseline";
export type TierAction = "Accept" | "Deny" | "Pass";

/** Who a ClusterNetworkPolicy applies to, or whom a rule's peer names. `networks` only as an egress peer. */
export type TierSelection =
  | { readonly kind: "namespaces"; readonly namespaces: Selector }
  | { readonly kind: "pods"; readonly namespaces: Selector; readonly pods: Selector };

export type TierPeer = TierSelection | { readonly kind: "networks"; readonly prefixes: readonly Prefix[] };

export interface TierRule {
  readonly policy: PolicyKey;
  /** The ClusterNetworkPolicy's name. */
  readonly policyName: string;
  readonly tier: Tier;
  readonly priority: number;
  readonly direction: Direction;
  readonly index: number;
  /** The rule's `name`, if it has one. */
  readonly name?: string;
  readonly action: TierAction;
  readonly peers: readonly TierPeer[];
  /** undefined: no `protocols`, every port and protocol. */
  readonly ports?: readonly PortSpec[];
  /** `ClusterNetworkPolicy NAME ingress[0] (rule "NAME")`. */
  readonly label: string;
}

export interface TierPolicy {
  readonly key: PolicyKey;
  readonly name: string;
  readonly tier: Tier;
  readonly priority: number;
  readonly subject: TierSelection;
  readonly ingress: readonly TierRule[];
  readonly egress: readonly TierRule[];
}

const sel = (raw: unknown): Selector => fromRawSelector((raw ?? {}) as RawLabelSelector, SOURCE_K8S);

function selection(raw: Raw): TierSelection | undefined {
  if (raw.namespaces != null) return { kind: "namespaces", namespaces: sel(raw.namespaces) };
  if (raw.pods != null) {
    const p = raw.pods as Raw;
    return { kind: "pods", namespaces: sel(p.namespaceSelector), pods: sel(p.podSelector) };
  }
  return undefined;
}

function peer(raw: Raw): TierPeer | undefined {
  if (raw.networks != null) {
    const prefixes: Prefix[] = [];
    for (const n of asArr(raw.networks as unknown)) {
      const r = parsePrefix(String(n));
      if (r.ok) prefixes.push(r.prefix);
    }
    return { kind: "networks", prefixes };
  }
  return selection(raw);
}

function ports(raw: unknown): PortSpec[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const out: PortSpec[] = [];
  for (const p of raw as Raw[]) {
    if (typeof p.destinationNamedPort === "string") {
      // A named port resolves against the destination pod's container ports, with their protocol.
      out.push({ port: 0, endPort: 0, name: p.destinationNamedPort.toLowerCase(), protocol: "ANY" });
      continue;
    }
    for (const proto of ["tcp", "udp", "sctp"] as const) {
      const x = p[proto] as Raw | undefined;
      if (x == null) continue;
      const protocol = proto.toUpperCase() as PortSpec["protocol"];
      const dp = (x.destinationPort ?? undefined) as Raw | undefined;
      const range = dp?.range as Raw | undefined;
      if (typeof dp?.number === "number") out.push({ port: dp.number, endPort: dp.number, protocol });
      else if (range && typeof range.start === "number" && typeof range.end === "number")
        out.push({ port: range.start, endPort: range.end, protocol });
      else out.push({ port: 0, endPort: 65535, protocol });
    }
  }
  return out;
}

const cache = new WeakMap<PolicyObject, TierPolicy | undefined>();

/** The tiered form of a stored ClusterNetworkPolicy (undefined when its subject names nobody). */
export function parseClusterNetworkPolicy(obj: PolicyObject): TierPolicy | undefined {
  if (cache.has(obj)) return cache.get(obj);
  const spec = (obj.spec ?? {}) as Raw;
  const tier: Tier = spec.tier === "Baseline" ? "Baseline" : "Admin";
  const priority = typeof spec.priority === "number" ? spec.priority : 0;
  const subject = selection((spec.subject ?? {}) as Raw);
  const rules = (direction: Direction): TierRule[] =>
    asArr(spec[direction] as unknown).map((r, index) => {
      const name = typeof r.name === "string" && r.name !== "" ? r.name : undefined;
      const peers = asArr(r[direction === "ingress" ? "from" : "to"] as unknown)
        .map(peer)
        .filter((p): p is TierPeer => p !== undefined);
      return {
        policy: obj.key,
        policyName: obj.name,
        tier,
        priority,
        direction,
        index,
        name,
        action: r.action === "Deny" ? "Deny" : r.action === "Pass" ? "Pass" : "Accept",
        peers,
        ports: ports(r.protocols),
        label: `ClusterNetworkPolicy ${obj.name} ${direction}[${index}]${name !== undefined ? ` (rule "${name}")` : ""}`,
      };
    });
  const p: TierPolicy | undefined = subject
    ? { key: obj.key, name: obj.name, tier, priority, subject, ingress: rules("ingress"), egress: rules("egress") }
    : undefined;
  cache.set(obj, p);
  return p;
}
