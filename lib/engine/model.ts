/**
 * The engine's view of a cluster snapshot: plain, immutable data. lib/cluster builds it from its
 * store (and renders Kubernetes-shaped objects from it); the engine compiles it into verdicts.
 */
import type { PolicyKey } from "./brand";

export type Protocol = "TCP" | "UDP" | "SCTP";
export type Labels = Readonly<Record<string, string>>;
export type EnforcementMode = "default" | "always" | "never";

export interface NetInterface {
  readonly name: string;
  readonly ipv4: readonly string[];
}

export interface NodeModel {
  readonly name: string;
  readonly ip: string;
  readonly labels: Labels;
  readonly podCIDR: string;
  readonly interfaces: readonly NetInterface[];
  readonly defaultRouteInterface: string;
  /** Host-network listeners (sshd, kubelet, apiserver...): port/protocol → a name for display. */
  readonly listeners: readonly HostListener[];
}

export interface HostListener {
  readonly name: string;
  readonly port: number;
  readonly protocol: Protocol;
  readonly app?: string;
}

export interface NamespaceModel {
  readonly name: string;
  readonly labels: Labels;
}

export interface ContainerPort {
  readonly name?: string;
  readonly port: number;
  readonly protocol: Protocol;
}

export interface OwnerRef {
  readonly kind: "Deployment" | "StatefulSet" | "DaemonSet" | "ReplicaSet" | "Node";
  readonly name: string;
}

export interface PodModel {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Labels;
  readonly node: string;
  readonly ip: string;
  readonly hostNetwork: boolean;
  readonly ports: readonly ContainerPort[];
  readonly serviceAccount: string;
  /** The workload that owns it (Deployment name for ReplicaSet pods). */
  readonly owner?: OwnerRef;
  /** Name of the HTTP app (scenario `apps`) the pod serves, if any. */
  readonly app?: string;
}

export interface ServicePort {
  readonly name?: string;
  readonly port: number;
  readonly targetPort: number | string;
  readonly protocol: Protocol;
}

export interface ServiceModel {
  readonly name: string;
  readonly namespace: string;
  readonly clusterIP: string;
  /** Absent: a Service without selector whose endpoints are listed explicitly. */
  readonly selector?: Labels;
  readonly ports: readonly ServicePort[];
  readonly endpoints?: readonly { readonly ip: string; readonly port: number }[];
}

export interface ExternalModel {
  readonly name: string;
  readonly ip: string;
  readonly hostnames: readonly string[];
  /** The IP backs the `default/kubernetes` Service (a control plane outside the cluster). */
  readonly kubeApiserver: boolean;
  readonly app?: string;
}

export type CidrMatchMode = "" | "nodes" | "pods" | "nodes pods";

/** The drop event emitter's default reasons (pkg/hubble/dropeventemitter/cell.go defaultConfig). */
export const DEFAULT_DROP_EVENT_REASONS = "auth_required policy_denied";

/** A reasons list as the agent reads it: helm's `{a,b}`, commas (pflag StringSlice) or spaces (viper). */
export function parseDropEventReasons(v: string): string {
  return v
    .replace(/^\{|\}$/g, "")
    .split(/[\s,]+/)
    .filter((x) => x !== "")
    .join(" ");
}

export interface Settings {
  readonly enforcementMode: EnforcementMode;
  readonly hostFirewall: boolean;
  readonly egressGateway: boolean;
  /** `policy-audit-mode` in cilium-config: policy drops are reported (AUDIT) and forwarded. */
  readonly policyAuditMode?: boolean;
  /**
   * `policy-deny-response` in cilium-config (Helm `policyDenyResponse`, experimental since 1.19): with `icmp`,
   * a packet that policy denies on a pod's egress is answered with ICMP destination unreachable (type 3,
   * code 13, communication administratively prohibited), so the client fails at once. Ingress drops stay silent.
   */
  readonly policyDenyResponse?: "none" | "icmp";
  /**
   * `policy-cidr-match-mode` in cilium-config (helm `policyCIDRMatchMode`, a list): "" (default) — CIDR
   * rules and ipBlock select only addresses outside the cluster; `nodes` — also node IPs; `pods` (new in
   * 1.20) — also pod IPs. Stored as the ConfigMap value, entities sorted and space-separated.
   */
  readonly policyCidrMatchMode?: CidrMatchMode;
  /**
   * `enable-node-selector-labels` (helm `nodeSelectorLabels`): nodes get identities from their labels, so
   * toNodes/fromNodes can select them; without it such rules are rejected (pkg/policy/api rule_validation.go).
   */
  readonly nodeSelectorLabels?: boolean;
  /**
   * `hubble-drop-events` in cilium-config (helm `hubble.dropEventEmitter.enabled`, alpha, off by default):
   * the agent's Hubble records a Kubernetes Event (Warning PacketDrop, from cilium) on the pod for each
   * policy drop whose reason is in `hubble-drop-events-reasons` (default auth_required, policy_denied),
   * at most one per pod and message every `hubble-drop-events-interval` (2m) — pkg/hubble/dropeventemitter.
   */
  readonly hubbleDropEvents?: boolean;
  /** `hubble-drop-events-reasons` (helm `hubble.dropEventEmitter.reasons`), space-separated; unset = the default. */
  readonly hubbleDropEventsReasons?: string;
  /**
   * `enable-k8s-cluster-network-policy` (helm `k8sClusterNetworkPolicy.enabled`, default false, new in 1.20):
   * the agents enforce Kubernetes ClusterNetworkPolicies (policy.networking.k8s.io/v1alpha2); off, they ignore them.
   */
  readonly clusterNetworkPolicy?: boolean;
  /**
   * The ClusterNetworkPolicy CRD (network-policy-api, not part of Cilium's install) is installed: until then the
   * API server does not serve clusternetworkpolicies.policy.networking.k8s.io.
   */
  readonly clusterNetworkPolicyCrd?: boolean;
  /** Endpoints (`namespace/pod`) with PolicyAuditMode=Enabled (`cilium-dbg endpoint config ID …`). */
  readonly auditEndpoints?: readonly string[];
}

/** A CiliumCIDRGroup (cilium.io/v2, cluster-scoped): a named, labelled list of external CIDRs. */
export interface CidrGroupModel {
  readonly name: string;
  readonly labels: Labels;
  readonly cidrs: readonly string[];
}

export type PolicyKind =
  | "NetworkPolicy"
  | "CiliumNetworkPolicy"
  | "CiliumClusterwideNetworkPolicy"
  | "CiliumEgressGatewayPolicy"
  | "ClusterNetworkPolicy";

/** A stored policy object (schema-valid; Cilium validation happens in the engine). */
export interface PolicyObject {
  readonly key: PolicyKey;
  readonly kind: PolicyKind;
  readonly namespace?: string;
  readonly name: string;
  readonly uid: string;
  /** The object's spec as JSON (for CNP/CCNP also `specs`). */
  readonly spec: unknown;
  readonly specs?: unknown;
}

/** Everything the engine needs. Arrays are sorted by the builder (namespace, name). */
export interface World {
  readonly clusterName: string;
  readonly nodes: readonly NodeModel[];
  readonly namespaces: readonly NamespaceModel[];
  readonly pods: readonly PodModel[];
  readonly services: readonly ServiceModel[];
  readonly externals: readonly ExternalModel[];
  readonly settings: Settings;
  readonly policies: readonly PolicyObject[];
  /** CiliumCIDRGroups, sorted by name (fromCIDRSet/toCIDRSet cidrGroupRef, cidrGroupSelector). */
  readonly cidrGroups?: readonly CidrGroupModel[];
  /** Identity numbers pinned by the scenario: canonical label string → id. */
  readonly pinnedIdentities: ReadonlyMap<string, number>;
}
