/**
 * Egress gateway decision for a pod → outside flow (Documentation/network/egress-gateway/egress-gateway.rst):
 * only when the feature is enabled, only for destinations outside the cluster (pod and node IPs are
 * never SNATed), the matching policy with the longest destination prefix wins, the gateway is the first
 * node (by name) matching egressGateway.nodeSelector; no such node → Cilium drops the traffic.
 */
import { cmpStr } from "./brand";
import type { Compiled } from "./compile/compiled";
import type { Identity } from "./identity";
import { indexLabels } from "./labels";
import { parseIPv4, prefixContainsIP } from "./ip";
import type { NodeModel, PodModel } from "./model";
import type { EgressGatewayPolicy } from "./policy/cegp";
import { selectorMatches } from "./selector";

export type EgressDecision =
  | { readonly kind: "none" }
  | { readonly kind: "gateway"; readonly policy: EgressGatewayPolicy; readonly node: NodeModel; readonly snatIP: string }
  | { readonly kind: "no-gateway"; readonly policy: EgressGatewayPolicy; readonly why: string };

const nodeIndex = (n: NodeModel) => indexLabels(Object.entries(n.labels).map(([key, value]) => ({ source: "k8s", key, value })));

function selects(p: EgressGatewayPolicy, pod: PodModel, idn: Identity, node: NodeModel | undefined): boolean {
  return p.selectors.some(
    (s) =>
      (!s.pod || selectorMatches(s.pod, idn.index)) &&
      (!s.namespace || selectorMatches(s.namespace, idn.index)) &&
      (!s.node || (node !== undefined && selectorMatches(s.node, nodeIndex(node)))),
  ) && p.selectors.length > 0 && pod !== undefined;
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
  const nodes = [...c.world.nodes].sort((a, b) => cmpStr(a.name, b.name)).filter((n) => selectorMatches(p.gatewayNodes, nodeIndex(n)));
  const gw = nodes[0];
  if (!gw) return { kind: "no-gateway", policy: p, why: `no node matches its egressGateway.nodeSelector (${p.gatewayNodesText})` };
  if (p.egressIP) {
    // The gateway must own the egress IP; otherwise Cilium has no egress IP for it and drops the
    // traffic (pkg/egressgateway: EgressIPNotFound → DROP_NO_EGRESS_IP).
    if (!gw.interfaces.some((i) => i.ipv4.includes(p.egressIP as string)) && gw.ip !== p.egressIP) {
      return { kind: "no-gateway", policy: p, why: `egress IP ${p.egressIP} is not assigned to any interface of gateway node ${gw.name}` };
    }
    return { kind: "gateway", policy: p, node: gw, snatIP: p.egressIP };
  }
  const ifName = p.iface ?? gw.defaultRouteInterface;
  const iface = gw.interfaces.find((i) => i.name === ifName);
  const snat = iface?.ipv4[0] ?? (p.iface ? undefined : gw.ip);
  if (!snat) return { kind: "no-gateway", policy: p, why: `gateway node ${gw.name} has no interface ${ifName} with an IPv4 address` };
  return { kind: "gateway", policy: p, node: gw, snatIP: snat };
}
