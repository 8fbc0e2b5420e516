/**
 * Flow endpoint references (content/README.md): `ns/pod`, `ns/<workload>` (every pod it owns),
 * `svc:ns/name` (through the Service to its backends), `node:NAME` (the node's host namespace),
 * `external:NAME`, or a raw IP. Resolved into parties; a Service port is translated to the backend's
 * target port.
 */
import { cmpStr } from "./brand";
import type { Compiled } from "./compile/compiled";
import { podKey, serviceBackends } from "./compile/world-index";
import type { ExternalModel, NodeModel, PodModel, ServiceModel } from "./model";

export type Party =
  | { readonly kind: "pod"; readonly pod: PodModel }
  | { readonly kind: "host"; readonly node: NodeModel; readonly pod?: PodModel }
  | { readonly kind: "world"; readonly ip: string; readonly external?: ExternalModel };

export interface Target {
  readonly party: Party;
  readonly port: number;
  /** The Service the flow went through, if any. */
  readonly service?: ServiceModel;
}

export type RefResult = { ok: true; targets: Target[] } | { ok: false; error: string };

export function partyName(p: Party): string {
  switch (p.kind) {
    case "pod":
      return podKey(p.pod);
    case "host":
      return p.pod ? podKey(p.pod) : `node/${p.node.name}`;
    case "world":
      return p.external ? `external/${p.external.name}` : p.ip;
  }
}

export function partyIP(p: Party): string {
  return p.kind === "pod" ? p.pod.ip : p.kind === "host" ? p.node.ip : p.ip;
}

function podParty(c: Compiled, pod: PodModel): Party {
  if (pod.hostNetwork) {
    const node = c.index.nodes.get(pod.node);
    if (node) return { kind: "host", node, pod };
  }
  return { kind: "pod", pod };
}

function serviceTargets(c: Compiled, svc: ServiceModel, port: number): RefResult {
  const sp =
    svc.ports.find((p) => p.port === port) ?? (svc.ports.length === 1 && port === 0 ? svc.ports[0] : undefined);
  if (!sp) return { ok: false, error: `service ${svc.namespace}/${svc.name} has no port ${port}` };
  const targets: Target[] = [];
  for (const b of serviceBackends(c.world, svc)) {
    let tp: number | undefined;
    if (typeof sp.targetPort === "number") tp = sp.targetPort;
    else if (b.pod) tp = b.pod.ports.find((cp) => cp.name === sp.targetPort)?.port;
    if (!b.pod && svc.endpoints) tp = svc.endpoints.find((e) => e.ip === b.ip)?.port ?? tp;
    if (tp === undefined) continue;
    const party = b.pod ? podParty(c, b.pod) : ipParty(c, b.ip);
    targets.push({ party, port: tp, service: svc });
  }
  if (targets.length === 0) return { ok: false, error: `service ${svc.namespace}/${svc.name} has no ready endpoints` };
  return { ok: true, targets };
}

/** The party owning an IP (ClusterIPs are not parties: callers translate them first). */
export function ipParty(c: Compiled, ip: string): Party {
  const o = c.index.ips.get(ip);
  if (o?.kind === "pod") return podParty(c, o.pod);
  if (o?.kind === "node") return { kind: "host", node: o.node };
  if (o?.kind === "external") return { kind: "world", ip, external: o.external };
  return { kind: "world", ip };
}

/** Resolve a reference for a flow on `port` (the Service port for `svc:` refs). */
export function resolveRef(c: Compiled, ref: string, port: number): RefResult {
  const one = (party: Party): RefResult => ({ ok: true, targets: [{ party, port }] });
  if (ref.startsWith("svc:")) {
    const svc = c.index.services.get(ref.slice(4));
    return svc ? serviceTargets(c, svc, port) : { ok: false, error: `service ${ref.slice(4)} not found` };
  }
  if (ref.startsWith("node:")) {
    const node = c.index.nodes.get(ref.slice(5));
    return node ? one({ kind: "host", node }) : { ok: false, error: `node ${ref.slice(5)} not found` };
  }
  if (ref.startsWith("external:")) {
    const e = c.index.externals.get(ref.slice(9));
    if (!e) return { ok: false, error: `external host ${ref.slice(9)} not found` };
    // An "external" entry whose IP is a node's (an API server on a node) is that node.
    const owner = c.index.ips.get(e.ip);
    return one(
      owner && owner.kind !== "external" && owner.kind !== "service"
        ? ipParty(c, e.ip)
        : { kind: "world", ip: e.ip, external: e },
    );
  }
  if (/^\d+\.\d+\.\d+\.\d+$/.test(ref)) {
    const o = c.index.ips.get(ref);
    if (o?.kind === "service") return serviceTargets(c, o.service, port);
    return one(ipParty(c, ref));
  }
  const pod = c.index.pods.get(ref);
  if (pod) return one(podParty(c, pod));
  const slash = ref.indexOf("/");
  if (slash > 0) {
    const ns = ref.slice(0, slash);
    const name = ref.slice(slash + 1);
    const owned = c.world.pods
      .filter((p) => p.namespace === ns && p.owner?.name === name)
      .sort((a, b) => cmpStr(a.name, b.name));
    if (owned.length > 0) return { ok: true, targets: owned.map((p) => ({ party: podParty(c, p), port })) };
  }
  return {
    ok: false,
    error: `unknown endpoint ${JSON.stringify(ref)} (expected ns/pod, ns/workload, svc:ns/name, node:NAME, external:NAME or an IP)`,
  };
}
