/**
 * Egress gateway decision for a pod → outside flow (Documentation/network/egress-gateway/egress-gateway.rst):
 * only when the feature is enabled, only for destinations outside the cluster (pod and node IPs are
 * never SNATed), the matching policy with the longest destination prefix wins, the gateway is the first
 * node (by name) matching egressGateway.nodeSelector; no such node → Cilium drops the traffic.
 */
import { cmpStr } from "./brand";
import type { Compiled } from "./compile/compiled";
import type { Identity } from "./identity";
import { indexLabels, k8sLabels } from "./labels";
import { formatIPv4, parseIPv4, prefixContainsIP, type Prefix } from "./ip";
import type { NodeModel, PodModel } from "./model";
import type { EgressGatewayPolicy } from "./policy/cegp";
import { selectorMatches } from "./selector";

export type EgressDecision =
  | { readonly kind: "none" }
  | {
      readonly kind: "gateway";
      readonly policy: EgressGatewayPolicy;
      readonly node: NodeModel;
      readonly snatIP: string;
    }
  | { readonly kind: "no-gateway"; readonly policy: EgressGatewayPolicy; readonly why: string };

const nodeIndex = (n: NodeModel) => indexLabels(k8sLabels(n.labels));

function selects(p: EgressGatewayPolicy, pod: PodModel, idn: Identity, node: NodeModel | undefined): boolean {
  return (
    p.selectors.some(
      (s) =>
        (!s.pod || selectorMatches(s.pod, idn.index)) &&
        (!s.namespace || selectorMatches(s.namespace, idn.index)) &&
        (!s.node || (node !== undefined && selectorMatches(s.node, nodeIndex(node)))),
    ) &&
    p.selectors.length > 0 &&
    pod !== undefined
  );
}

export function egressGatewayFor(c: Compiled, pod: PodModel, dstIP: string): EgressDecision {
  if (!c.world.settings.egressGateway) return { kind: "none" };
  const ip = parseIPv4(dstIP);
  const idn = c.identities.pods.get(`${pod.namespace}/${pod.name}`);
  if (ip === undefined || !idn) return { kind: "none" };
  const srcNode = c.index.nodes.get(pod.node);
  let best: { p: EgressGatewayPolicy; bits: number } | undefined;
  for (const p of c.egressPolicies) {
    if (!p.active || !selects(p, pod, idn, srcNode)) continue;
    const dest = p.destinations.filter((d) => prefixContainsIP(d, ip));
    if (dest.length === 0 || p.excluded.some((e) => prefixContainsIP(e, ip))) continue;
    const bits = Math.max(...dest.map((d) => d.bits));
    if (!best || bits > best.bits || (bits === best.bits && cmpStr(p.name, best.p.name) < 0)) best = { p, bits };
  }
  if (!best) return { kind: "none" };
  const p = best.p;
  const nodes = [...c.world.nodes]
    .sort((a, b) => cmpStr(a.name, b.name))
    .filter((n) => selectorMatches(p.gatewayNodes, nodeIndex(n)));
  const gw = nodes[0];
  if (!gw)
    return {
      kind: "no-gateway",
      policy: p,
      why: `no node matches its egressGateway.nodeSelector (${p.gatewayNodesText})`,
    };
  if (p.egressIP) {
    // The gateway must own the egress IP; otherwise Cilium has no egress IP for it and drops the
    // traffic (pkg/egressgateway: EgressIPNotFound → DROP_NO_EGRESS_IP).
    if (!gw.interfaces.some((i) => i.ipv4.includes(p.egressIP as string)) && gw.ip !== p.egressIP) {
      return {
        kind: "no-gateway",
        policy: p,
        why: `egress IP ${p.egressIP} is not assigned to any interface of gateway node ${gw.name}`,
      };
    }
    return { kind: "gateway", policy: p, node: gw, snatIP: p.egressIP };
  }
  const ifName = p.iface ?? gw.defaultRouteInterface;
  const iface = gw.interfaces.find((i) => i.name === ifName);
  const snat = iface?.ipv4[0] ?? (p.iface ? undefined : gw.ip);
  if (!snat)
    return {
      kind: "no-gateway",
      policy: p,
      why: `gateway node ${gw.name} has no interface ${ifName} with an IPv4 address`,
    };
  return { kind: "gateway", policy: p, node: gw, snatIP: snat };
}

/** One entry of the egress gateway policy map (`cilium-dbg bpf egress list`, pkg/maps/egressmap). */
export interface EgressMapEntry {
  readonly sourceIP: string;
  /** The destination prefix, masked: `10.0.4.0/24`. */
  readonly destCIDR: string;
  /** SNAT address; `0.0.0.0` unless this node is the gateway (only the gateway needs it). */
  readonly egressIP: string;
  /** Gateway node IP, or the sentinels `0.0.0.0` (no gateway: drop) and `0.0.0.1` (excluded CIDR: not redirected). */
  readonly gatewayIP: string;
}

/** pkg/egressgateway: GatewayNotFoundIPv4 and ExcludedCIDRIPv4. */
export const GATEWAY_NOT_FOUND = "0.0.0.0";
export const EXCLUDED_CIDR = "0.0.0.1";

/** The egress IP the gateway derives for a policy (deriveFromPolicyGatewayConfig): egressIP, the interface's or the default route's first IPv4. */
function derivedEgressIP(p: EgressGatewayPolicy, gw: NodeModel): string {
  if (p.egressIP) return p.egressIP;
  const iface = gw.interfaces.find((i) => i.name === (p.iface ?? gw.defaultRouteInterface));
  return iface?.ipv4[0] ?? GATEWAY_NOT_FOUND; // EgressIPNotFoundIPv4
}

/**
 * The egress gateway policy map as the agent on `node` programs it (pkg/egressgateway manager.go
 * regenerateGatewayConfig / forEachEndpointAndCIDR): for every active policy, every endpoint it selects
 * (all nodes' pods, not only local ones) × each destination CIDR, plus each excluded CIDR with the
 * excluded sentinel as gateway. The gateway is the first node (by name) matching the policy's
 * nodeSelector; only on that node is the egress IP filled in. When two policies claim the same source
 * and CIDR, the one egressGatewayFor would pick (by name) is kept. Sorted by source IP, then CIDR.
 * Undefined when the feature is off (the maps don't exist).
 */
export function egressGatewayMap(c: Compiled, node: string): EgressMapEntry[] | undefined {
  if (!c.world.settings.egressGateway) return undefined;
  const nodes = [...c.world.nodes].sort((a, b) => cmpStr(a.name, b.name));
  const byKey = new Map<string, EgressMapEntry>();
  const policies = [...c.egressPolicies].filter((p) => p.active).sort((a, b) => cmpStr(a.name, b.name));
  const masked = (d: Prefix): string => `${formatIPv4(d.base)}/${d.bits}`;
  for (const p of policies) {
    const gw = nodes.find((n) => selectorMatches(p.gatewayNodes, nodeIndex(n)));
    const gatewayIP = gw ? gw.ip : GATEWAY_NOT_FOUND;
    const egressIP = gw && gw.name === node ? derivedEgressIP(p, gw) : GATEWAY_NOT_FOUND;
    for (const pod of c.world.pods) {
      const idn = c.identities.pods.get(`${pod.namespace}/${pod.name}`);
      if (pod.hostNetwork || !pod.ip || !idn || !selects(p, pod, idn, c.index.nodes.get(pod.node))) continue;
      const add = (d: Prefix, gateway: string): void => {
        if (d.family !== 4) return;
        const k = `${pod.ip}|${masked(d)}`;
        if (!byKey.has(k)) byKey.set(k, { sourceIP: pod.ip, destCIDR: masked(d), egressIP, gatewayIP: gateway });
      };
      for (const d of p.destinations) add(d, gatewayIP);
      for (const d of p.excluded) add(d, EXCLUDED_CIDR);
    }
  }
  const ipNum = (s: string): number => parseIPv4(s) ?? 0;
  return [...byKey.values()].sort(
    (a, b) =>
      ipNum(a.sourceIP) - ipNum(b.sourceIP) ||
      ipNum(a.destCIDR.split("/")[0] ?? "") - ipNum(b.destCIDR.split("/")[0] ?? "") ||
      cmpStr(a.destCIDR, b.destCIDR),
  );
}
