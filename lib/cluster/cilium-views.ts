/** What `cilium-dbg endpoint list / identity list / policy get / status` need. */
import {
  auditMode,
  DEFAULT_DROP_EVENT_REASONS,
  cmpStr,
  egressGatewayMap,
  formatIPv4,
  formatLabel,
  parsePrefix,
  podKey,
  RESERVED,
  type EgressMapEntry,
  type World,
} from "@/lib/engine";
import { compiled } from "./store";
import type { ClusterState, Json } from "./types";

export interface EndpointInfo {
  readonly id: number;
  readonly node: string;
  readonly namespace?: string;
  readonly pod?: string;
  readonly identity: number;
  readonly labels: readonly string[];
  readonly ipv4: string;
  readonly ingressEnforcement: "Enabled" | "Disabled" | "Disabled (Audit)";
  readonly egressEnforcement: "Enabled" | "Disabled" | "Disabled (Audit)";
  readonly status: "ready";
  readonly host: boolean;
}

const idCache = new WeakMap<World, Map<string, number>>();

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h;
}

/** Deterministic endpoint ids (1..4095, unique per node) for pods (`pod:ns/name`) and hosts (`host:node`). */
export function endpointIds(state: ClusterState): Map<string, number> {
  let m = idCache.get(state.world);
  if (m) return m;
  m = new Map();
  const used = new Map<string, Set<number>>();
  const keys: [string, string][] = [
    ...state.world.nodes.map((n): [string, string] => [`host:${n.name}`, n.name]),
    ...state.world.nodes.map((n): [string, string] => [`health:${n.name}`, n.name]),
    ...state.world.pods.filter((p) => !p.hostNetwork).map((p): [string, string] => [`pod:${podKey(p)}`, p.node]),
  ].sort((a, b) => cmpStr(a[0], b[0]));
  for (const [k, node] of keys) {
    const u = used.get(node) ?? new Set<number>();
    used.set(node, u);
    let id = (hash(k) % 4000) + 10;
    while (u.has(id)) id = id >= 4095 ? 10 : id + 1;
    u.add(id);
    m.set(k, id);
  }
  idCache.set(state.world, m);
  return m;
}

export function ciliumEndpoints(state: ClusterState, node?: string): EndpointInfo[] {
  const c = compiled(state);
  const ids = endpointIds(state);
  // Audit mode shows an enforced direction as "Disabled (Audit)" (Documentation/gettingstarted/policy-creation.rst).
  const on = (b: boolean, audit = false) => (b ? (audit ? "Disabled (Audit)" : "Enabled") : "Disabled");
  const hostAudit = state.settings.policyAuditMode ?? false;
  const out: EndpointInfo[] = [];
  for (const n of state.world.nodes) {
    if (node !== undefined && n.name !== node) continue;
    const ing = c.subject({ kind: "host", node: n }, "ingress").enforcement.enforced;
    const eg = c.subject({ kind: "host", node: n }, "egress").enforcement.enforced;
    const labels = [
      "reserved:host",
      ...Object.keys(n.labels)
        .sort(cmpStr)
        .map((k) => `k8s:${k}${n.labels[k] ? `=${n.labels[k]}` : ""}`),
    ];
    out.push({
      id: ids.get(`host:${n.name}`) ?? 0,
      node: n.name,
      identity: RESERVED.host,
      labels,
      ipv4: "",
      ingressEnforcement: on(ing, hostAudit),
      egressEnforcement: on(eg, hostAudit),
      status: "ready",
      host: true,
    });
    // The cilium-health endpoint of each node (reserved:health); policies never select it.
    const cidr = parsePrefix(n.podCIDR);
    out.push({
      id: ids.get(`health:${n.name}`) ?? 0,
      node: n.name,
      identity: RESERVED.health,
      labels: ["reserved:health"],
      ipv4: cidr.ok ? formatIPv4(cidr.prefix.base + 200) : "",
      ingressEnforcement: "Disabled",
      egressEnforcement: "Disabled",
      status: "ready",
      host: false,
    });
  }
  for (const p of state.world.pods) {
    if (p.hostNetwork || (node !== undefined && p.node !== node)) continue;
    const idn = c.identities.pods.get(podKey(p));
    if (!idn) continue;
    const ing = c.subject({ kind: "pod", identity: idn }, "ingress").enforcement.enforced;
    const eg = c.subject({ kind: "pod", identity: idn }, "egress").enforcement.enforced;
    out.push({
      id: ids.get(`pod:${podKey(p)}`) ?? 0,
      node: p.node,
      namespace: p.namespace,
      pod: p.name,
      identity: idn.id,
      labels: idn.labels.map(formatLabel),
      ipv4: p.ip,
      ingressEnforcement: on(ing, auditMode(state.settings, { kind: "pod", pod: p })),
      egressEnforcement: on(eg, auditMode(state.settings, { kind: "pod", pod: p })),
      status: "ready",
      host: false,
    });
  }
  return out.sort((a, b) => a.id - b.id || cmpStr(a.node, b.node));
}

export function ciliumIdentities(state: ClusterState): { id: number; labels: string[]; namespace?: string }[] {
  return compiled(state).identities.all.map((i) => ({
    id: i.id,
    labels: i.labels.map(formatLabel),
    ...(i.namespace ? { namespace: i.namespace } : {}),
  }));
}

export function policyRepository(state: ClusterState): { rules: Json[]; revision: number } {
  return { rules: compiled(state).rules.map((r) => r.translated as Json), revision: state.policyRevision };
}

export function policyStatus(
  state: ClusterState,
): { kind: string; namespace?: string; name: string; valid: boolean; message: string; warnings: string[] }[] {
  // No policy object, nothing to analyse: the answer needs no compiler (a fresh lab's Policies tab badge).
  if (state.world.policies.length === 0) return [];
  return compiled(state).analyses.map((a) => ({
    kind: a.kind,
    ...(a.namespace !== undefined ? { namespace: a.namespace } : {}),
    name: a.name,
    valid: a.valid,
    message: a.message,
    warnings: a.problems.filter((p) => p.severity === "warning").map((p) => p.message),
  }));
}

/**
 * The `cilium-config` ConfigMap (`cilium config view`) of the scenario's install: the fixed keys of a kind
 * install with Hubble, plus the keys derived from the scenario (cluster name) and the live settings. The
 * keys follow the 1.20 Helm chart (install/kubernetes/cilium/templates/cilium-configmap.yaml):
 * `enable-policy` (policyEnforcementMode), `enable-host-firewall` (hostFirewall.enabled), and for
 * egressGateway.enabled `enable-ipv4-egress-gateway: "true"` — egress gateway needs BPF masquerading and
 * kube-proxy replacement, so installs that enable it (the scenario's, or a later `config set`/helm) have
 * `enable-bpf-masquerade: "true"` as well; turning the gateway off again leaves masquerading as it was.
 */
export function ciliumConfig(state: ClusterState): Record<string, string> {
  const s = state.settings;
  const cm: Record<string, string> = {
    "agent-not-ready-taint-key": "node.cilium.io/agent-not-ready",
    "auto-direct-node-routes": "false",
    "bpf-lb-sock": "false",
    "bpf-map-dynamic-size-ratio": "0.0025",
    "bpf-policy-map-max": "16384",
    "cluster-id": "0",
    "cluster-name": state.scenario.clusterName,
    "cluster-pool-ipv4-cidr": "10.244.0.0/16",
    "cni-exclusive": "true",
    "custom-cni-conf": "false",
    debug: "false",
    "egress-gateway-reconciliation-trigger-interval": "1s",
    "enable-bpf-masquerade": String(s.egressGateway || state.scenario.settings.egressGateway),
    "enable-endpoint-health-checking": "true",
    "enable-health-checking": "true",
    "enable-host-firewall": String(s.hostFirewall),
    "enable-hubble": "true",
    "enable-ipv4": "true",
    "enable-ipv6": "false",
    "enable-l7-proxy": "true",
    "enable-policy": s.enforcementMode,
    "enable-policy-secrets-sync": "true",
    "hubble-disable-tls": "false",
    "hubble-listen-address": ":4244",
    "hubble-socket-path": "/var/run/cilium/hubble.sock",
    "identity-allocation-mode": "crd",
    ipam: "cluster-pool",
    "kube-proxy-replacement": "true",
    "monitor-aggregation": "medium",
    "operator-api-serve-addr": "127.0.0.1:9234",
    "policy-audit-mode": String(s.policyAuditMode ?? false),
    "policy-cidr-match-mode": s.policyCidrMatchMode ?? "",
    "policy-deny-response": s.policyDenyResponse ?? "none",
    "proxy-prometheus-port": "9964",
    "routing-mode": "tunnel",
    "tunnel-protocol": "vxlan",
  };
  if (s.egressGateway) cm["enable-ipv4-egress-gateway"] = "true";
  // Helm writes the key only when nodeSelectorLabels is true.
  if (s.nodeSelectorLabels) cm["enable-node-selector-labels"] = "true";
  // cilium-configmap.yaml: the drop event emitter's keys only when hubble.dropEventEmitter.enabled.
  if (s.hubbleDropEvents) {
    cm["hubble-drop-events"] = "true";
    cm["hubble-drop-events-interval"] = "2m";
    cm["hubble-drop-events-reasons"] = s.hubbleDropEventsReasons ?? DEFAULT_DROP_EVENT_REASONS;
  }
  // Helm writes the key only when k8sClusterNetworkPolicy.enabled is true.
  if (s.clusterNetworkPolicy) cm["enable-k8s-cluster-network-policy"] = "true";
  return Object.fromEntries(
    Object.keys(cm)
      .sort(cmpStr)
      .map((k) => [k, cm[k] as string]),
  );
}

/**
 * The egress gateway policy map of the agent on `node` (`cilium-dbg bpf egress list`), computed from the
 * same CiliumEgressGatewayPolicy decisions as the verdicts; undefined when egress gateway is disabled.
 */
export function egressGatewayEntries(state: ClusterState, node: string): EgressMapEntry[] | undefined {
  return egressGatewayMap(compiled(state), node);
}
