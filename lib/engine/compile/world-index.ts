/** Lookup tables over a World snapshot (built once per snapshot). */
import { cmpStr } from "../brand";
import type { ExternalModel, NamespaceModel, NodeModel, PodModel, ServiceModel, World } from "../model";
import { type Labels } from "../model";

export type IPOwner =
  | { readonly kind: "pod"; readonly pod: PodModel }
  | { readonly kind: "node"; readonly node: NodeModel }
  | { readonly kind: "external"; readonly external: ExternalModel }
  | { readonly kind: "service"; readonly service: ServiceModel };

export interface WorldIndex {
  readonly world: World;
  readonly nodes: ReadonlyMap<string, NodeModel>;
  readonly namespaces: ReadonlyMap<string, NamespaceModel>;
  /** `ns/name` → pod. */
  readonly pods: ReadonlyMap<string, PodModel>;
  readonly services: ReadonlyMap<string, ServiceModel>;
  readonly externals: ReadonlyMap<string, ExternalModel>;
  /** IP → what owns it; non-hostNetwork pods, nodes (and their extra interface IPs), externals, ClusterIPs. */
  readonly ips: ReadonlyMap<string, IPOwner>;
  /** IPs serving the Kubernetes API (default/kubernetes endpoints, kubeApiserver externals). */
  readonly apiserverIPs: ReadonlySet<string>;
}

export const podKey = (p: { namespace: string; name: string }): string => `${p.namespace}/${p.name}`;

export function labelsMatch(selector: Labels, labels: Labels): boolean {
  return Object.keys(selector).every((k) => labels[k] === selector[k]);
}

/** Backends of a Service: selected, non-terminating pods of its namespace, or its explicit endpoints. */
export function serviceBackends(world: World, svc: ServiceModel): { ip: string; pod?: PodModel }[] {
  if (svc.selector) {
    const sel = svc.selector;
    return world.pods
      .filter((p) => p.namespace === svc.namespace && Object.keys(sel).length > 0 && labelsMatch(sel, p.labels))
      .sort((a, b) => cmpStr(a.name, b.name))
      .map((pod) => ({ ip: pod.ip, pod }));
  }
  return (svc.endpoints ?? []).map((e) => ({ ip: e.ip }));
}

export function buildWorldIndex(world: World): WorldIndex {
  const nodes = new Map(world.nodes.map((n) => [n.name, n]));
  const namespaces = new Map(world.namespaces.map((n) => [n.name, n]));
  const pods = new Map(world.pods.map((p) => [podKey(p), p]));
  const services = new Map(world.services.map((s) => [podKey(s), s]));
  const externals = new Map(world.externals.map((e) => [e.name, e]));
  const ips = new Map<string, IPOwner>();
  for (const e of world.externals) ips.set(e.ip, { kind: "external", external: e });
  for (const s of world.services)
    if (s.clusterIP && s.clusterIP !== "None") ips.set(s.clusterIP, { kind: "service", service: s });
  for (const n of world.nodes) {
    for (const i of n.interfaces) for (const ip of i.ipv4) ips.set(ip, { kind: "node", node: n });
    ips.set(n.ip, { kind: "node", node: n });
  }
  for (const p of world.pods) if (!p.hostNetwork) ips.set(p.ip, { kind: "pod", pod: p });
  const apiserverIPs = new Set<string>(world.externals.filter((e) => e.kubeApiserver).map((e) => e.ip));
  const k8s = services.get("default/kubernetes");
  for (const e of k8s?.endpoints ?? []) apiserverIPs.add(e.ip);
  return { world, nodes, namespaces, pods, services, externals, ips, apiserverIPs };
}
