/**
 * CiliumEgressGatewayPolicy (Documentation/network/egress-gateway/egress-gateway.rst):
 * selectors[] pick source pods (podSelector over the pod's identity labels, so
 * `io.kubernetes.pod.namespace` works; namespaceSelector over namespace labels; optional nodeSelector
 * over the source pod's node); destinationCIDRs minus excludedCIDRs pick destinations; the gateway is a
 * node matching egressGateway.nodeSelector and the SNAT IP is egressIP, or the first IPv4 of
 * `interface`, or the first IPv4 of the node's default-route interface. egressIP together with
 * interface makes Cilium ignore the policy.
 */
import { parsePrefix, type Prefix } from "../ip";
import { LABEL_NS_LABELS_PREFIX, SOURCE_K8S } from "../labels";
import type { PolicyObject } from "../model";
import { fromRawSelector, makeSelector, type RawLabelSelector, type Selector } from "../selector";
import type { PolicyProblem } from "./types";
import { asArr, type Raw } from "@/lib/base/raw";

export interface EgressSelector {
  readonly pod?: Selector;
  readonly namespace?: Selector;
  readonly node?: Selector;
}

export interface EgressGatewayPolicy {
  readonly name: string;
  readonly selectors: readonly EgressSelector[];
  readonly destinations: readonly Prefix[];
  readonly excluded: readonly Prefix[];
  readonly gatewayNodes: Selector;
  readonly gatewayNodesText: string;
  readonly egressIP?: string;
  readonly iface?: string;
  /** False when Cilium ignores the policy (problems say why). */
  readonly active: boolean;
  readonly problems: readonly PolicyProblem[];
}

function prefixes(list: unknown, problems: PolicyProblem[], field: string): Prefix[] {
  const out: Prefix[] = [];
  for (const c of Array.isArray(list) ? list : []) {
    const p = parsePrefix(String(c));
    if (p.ok) out.push(p.prefix);
    else problems.push({ severity: "error", message: `${field}: ${p.error}` });
  }
  return out;
}

export function parseEgressGatewayPolicy(obj: PolicyObject): EgressGatewayPolicy {
  const spec = (obj.spec ?? {}) as Raw;
  const problems: PolicyProblem[] = [];
  const selectors = asArr(spec.selectors).map((s): EgressSelector => ({
    pod: s.podSelector ? fromRawSelector(s.podSelector as RawLabelSelector) : undefined,
    namespace: s.namespaceSelector
      ? makeSelector(
          fromRawSelector(s.namespaceSelector as RawLabelSelector, SOURCE_K8S).requirements.map((r) => ({
            ...r,
            source: SOURCE_K8S,
            key: LABEL_NS_LABELS_PREFIX + r.key,
          })),
        )
      : undefined,
    node: s.nodeSelector ? fromRawSelector(s.nodeSelector as RawLabelSelector) : undefined,
  }));
  const gw = (spec.egressGateway ?? {}) as Raw;
  const egressIP = typeof gw.egressIP === "string" && gw.egressIP !== "" ? gw.egressIP : undefined;
  const iface = typeof gw.interface === "string" && gw.interface !== "" ? gw.interface : undefined;
  if (egressIP && iface) {
    problems.push({
      severity: "warning",
      message:
        "egressGateway sets both egressIP and interface: Cilium ignores this policy (traffic leaves with the node IP)",
    });
  }
  const nodeSel = (gw.nodeSelector ?? {}) as RawLabelSelector;
  const ml = nodeSel.matchLabels ?? {};
  return {
    name: obj.name,
    selectors,
    destinations: prefixes(spec.destinationCIDRs, problems, "destinationCIDRs"),
    excluded: prefixes(spec.excludedCIDRs, problems, "excludedCIDRs"),
    gatewayNodes: fromRawSelector(nodeSel),
    gatewayNodesText:
      Object.keys(ml)
        .sort()
        .map((k) => `${k}=${ml[k]}`)
        .join(",") || "<all nodes>",
    egressIP,
    iface,
    active: !(egressIP && iface),
    problems,
  };
}
