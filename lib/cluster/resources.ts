/** The API discovery table (`kubectl api-resources`) and kubectl's resource-name resolution. */
import { cmpStr } from "@/lib/engine";

export interface ResourceType {
  readonly plural: string;
  readonly singular: string;
  readonly shortNames: readonly string[];
  readonly kind: string;
  readonly group: string;
  readonly version: string;
  readonly apiVersion: string;
  readonly namespaced: boolean;
  readonly categories: readonly string[];
  readonly verbs: readonly string[];
  /** Read-only views derived from other objects (cep, ciliumidentities, endpoints, replicasets, configmaps, events). */
  readonly derived: boolean;
}

const RW = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
const RO = ["get", "list", "watch"];

function rt(
  plural: string,
  singular: string,
  kind: string,
  group: string,
  version: string,
  namespaced: boolean,
  shortNames: string[],
  categories: string[],
  derived = false,
): ResourceType {
  return {
    plural,
    singular,
    shortNames,
    kind,
    group,
    version,
    apiVersion: group ? `${group}/${version}` : version,
    namespaced,
    categories,
    verbs: derived ? RO : RW,
    derived,
  };
}

export const RESOURCE_TYPES: readonly ResourceType[] = [
  rt("configmaps", "configmap", "ConfigMap", "", "v1", true, ["cm"], [], true),
  rt("endpoints", "endpoints", "Endpoints", "", "v1", true, ["ep"], [], true),
  rt("events", "event", "Event", "", "v1", true, ["ev"], [], true),
  rt("namespaces", "namespace", "Namespace", "", "v1", false, ["ns"], []),
  rt("nodes", "node", "Node", "", "v1", false, ["no"], []),
  rt("pods", "pod", "Pod", "", "v1", true, ["po"], ["all"]),
  rt("services", "service", "Service", "", "v1", true, ["svc"], ["all"]),
  rt("daemonsets", "daemonset", "DaemonSet", "apps", "v1", true, ["ds"], ["all"]),
  rt("deployments", "deployment", "Deployment", "apps", "v1", true, ["deploy"], ["all"]),
  rt("replicasets", "replicaset", "ReplicaSet", "apps", "v1", true, ["rs"], ["all"], true),
  rt("statefulsets", "statefulset", "StatefulSet", "apps", "v1", true, ["sts"], ["all"]),
  rt("ciliumcidrgroups", "ciliumcidrgroup", "CiliumCIDRGroup", "cilium.io", "v2", false, ["ccg"], ["cilium"]),
  rt(
    "ciliumclusterwidenetworkpolicies",
    "ciliumclusterwidenetworkpolicy",
    "CiliumClusterwideNetworkPolicy",
    "cilium.io",
    "v2",
    false,
    ["ccnp"],
    ["cilium", "ciliumpolicy"],
  ),
  rt(
    "ciliumegressgatewaypolicies",
    "ciliumegressgatewaypolicy",
    "CiliumEgressGatewayPolicy",
    "cilium.io",
    "v2",
    false,
    ["cegp"],
    ["cilium", "ciliumpolicy"],
  ),
  rt(
    "ciliumendpoints",
    "ciliumendpoint",
    "CiliumEndpoint",
    "cilium.io",
    "v2",
    true,
    ["cep", "ciliumep"],
    ["cilium"],
    true,
  ),
  rt("ciliumidentities", "ciliumidentity", "CiliumIdentity", "cilium.io", "v2", false, ["ciliumid"], ["cilium"], true),
  rt(
    "ciliumnetworkpolicies",
    "ciliumnetworkpolicy",
    "CiliumNetworkPolicy",
    "cilium.io",
    "v2",
    true,
    ["cnp", "ciliumnp"],
    ["cilium", "ciliumpolicy"],
  ),
  rt("ciliumnodes", "ciliumnode", "CiliumNode", "cilium.io", "v2", false, ["cn", "ciliumn"], ["cilium"], true),
  rt("networkpolicies", "networkpolicy", "NetworkPolicy", "networking.k8s.io", "v1", true, ["netpol"], []),
  rt(
    "clusternetworkpolicies",
    "clusternetworkpolicy",
    "ClusterNetworkPolicy",
    "policy.networking.k8s.io",
    "v1alpha2",
    false,
    ["cnp"],
    [],
  ),
]
  .slice()
  .sort((a, b) => cmpStr(a.group, b.group) || cmpStr(a.plural, b.plural));

/** Resolve `po`, `pods`, `pod`, `Pod`, `deployment.apps`, `ciliumnetworkpolicies.cilium.io`, `cnp`... */
/** The resource type a CRD the lab's cluster does not install by default provides (by CRD name). */
export const OPTIONAL_CRDS: Readonly<Record<string, string>> = {
  "clusternetworkpolicies.policy.networking.k8s.io": "clusternetworkpolicies",
};

/** The types the API server serves: all built-in ones, plus the optional CRDs that are installed. */
export function servedResourceTypes(settings: { readonly clusterNetworkPolicyCrd?: boolean }): readonly ResourceType[] {
  return settings.clusterNetworkPolicyCrd === true
    ? RESOURCE_TYPES
    : RESOURCE_TYPES.filter((r) => r.plural !== "clusternetworkpolicies");
}

export function resolveResourceType(
  name: string,
  served: readonly ResourceType[] = RESOURCE_TYPES,
): ResourceType | undefined {
  const n = name.trim();
  const lower = n.toLowerCase();
  const dot = lower.indexOf(".");
  const base = dot >= 0 ? lower.slice(0, dot) : lower;
  const rest = dot >= 0 ? lower.slice(dot + 1) : undefined;
  for (const r of served) {
    if (rest !== undefined) {
      // plural.group, singular.group, plural.version.group
      if (
        (base === r.plural || base === r.singular || base === r.kind.toLowerCase()) &&
        (rest === r.group || rest === `${r.version}.${r.group}`)
      )
        return r;
      continue;
    }
    if (lower === r.plural || lower === r.singular || r.shortNames.includes(lower) || lower === r.kind.toLowerCase())
      return r;
  }
  return undefined;
}

/**
 * Lower-priority types a short name also matches (`cnp`: CiliumNetworkPolicy wins, ClusterNetworkPolicy loses),
 * for kubectl's `Warning: short name "cnp" could also match lower priority resource …` (client-go restmapper
 * shortcut.go). Group-qualified names and full names are never ambiguous.
 */
export function shadowedByShortName(name: string, served: readonly ResourceType[] = RESOURCE_TYPES): ResourceType[] {
  const lower = name.trim().toLowerCase();
  const hits = served.filter((r) => r.shortNames.includes(lower));
  const first = resolveResourceType(name, served);
  return first && first.shortNames.includes(lower) ? hits.filter((r) => r !== first) : [];
}

export function resourceByKind(
  apiVersion: string,
  kind: string,
  served: readonly ResourceType[] = RESOURCE_TYPES,
): ResourceType | undefined {
  return served.find((r) => r.kind === kind && r.apiVersion === apiVersion);
}

export function resourcesInCategory(
  category: string,
  served: readonly ResourceType[] = RESOURCE_TYPES,
): ResourceType[] {
  return served.filter((r) => r.categories.includes(category));
}

/** `ciliumnetworkpolicies.cilium.io` / `pods` — the name used in NotFound messages. */
export function qualifiedPlural(r: ResourceType): string {
  return r.group ? `${r.plural}.${r.group}` : r.plural;
}

/** `ciliumnetworkpolicy.cilium.io` / `deployment.apps` / `pod` — kubectl's name-printer prefix. */
export function qualifiedSingular(r: ResourceType): string {
  return r.group ? `${r.kind.toLowerCase()}.${r.group}` : r.kind.toLowerCase();
}
