/** The identity table of a snapshot: reserved, pod and local CIDR identities, and the views of nodes and world IPs. */
import { cmpStr, type IdentityId, identityId } from "../brand";
import {
  allocateIds,
  type Identity,
  LOCAL_IDENTITY_FLAG,
  labelsKey,
  makeIdentity,
  podIdentityLabels,
  RESERVED,
  reservedIdentities,
} from "../identity";
import { parseIPv4, type Prefix, prefixContainsIP } from "../ip";
import { type Label, SOURCE_CIDR, SOURCE_RESERVED } from "../labels";
import type { NamespaceModel, NodeModel, PodModel, World } from "../model";
import { podKey, type WorldIndex } from "./world-index";

const r = (key: string): Label => ({ source: SOURCE_RESERVED, key, value: "" });

export interface IdentityTable {
  /** Every identity in use, sorted by id (reserved 1-10, pods, CIDR). */
  readonly all: readonly Identity[];
  readonly byId: ReadonlyMap<number, Identity>;
  /** `ns/name` → identity, for non-hostNetwork pods. */
  readonly pods: ReadonlyMap<string, Identity>;
  /** label-set key → numeric id: what a cluster store persists so ids stay stable. */
  readonly allocations: ReadonlyMap<string, number>;
  /** The local node as seen by its own endpoints: reserved:host (+ kube-apiserver when it serves the API). */
  hostView(node: NodeModel): Identity;
  /** A node as seen from another node: remote-node, or 7 (kube-apiserver + remote-node) when it serves the API. */
  remoteNodeView(node: NodeModel): Identity;
  /** An address outside the cluster: world, a CIDR identity when policies name a containing prefix, kube-apiserver for its IPs. */
  worldView(ip: string): Identity;
}

/**
 * The numeric ids of a snapshot's pod identities (label-set key → id), keeping the pinned ones: what
 * `IdentityTable.allocations` holds, without compiling the policies. A cluster store calls it after every
 * change of pods or namespaces so that ids stay stable across snapshots, like Cilium's allocator.
 */
export function allocatePodIdentities(world: World): Map<string, IdentityId> {
  const namespaces = new Map(world.namespaces.map((n) => [n.name, n]));
  const keys = new Set<string>();
  for (const p of world.pods)
    if (!p.hostNetwork) keys.add(podIdentityKey(p, namespaces.get(p.namespace), world.clusterName));
  return allocateIds([...keys], world.pinnedIdentities);
}

/** A pod's identity label-set key (cached per pod model and namespace: replays ask once per change). */
const podKeys = new WeakMap<PodModel, { ns: NamespaceModel | undefined; cluster: string; key: string }>();
export function podIdentityKey(pod: PodModel, ns: NamespaceModel | undefined, clusterName: string): string {
  const c = podKeys.get(pod);
  if (c && c.ns === ns && c.cluster === clusterName) return c.key;
  const key = labelsKey(podIdentityLabels(pod, ns, clusterName));
  podKeys.set(pod, { ns, cluster: clusterName, key });
  return key;
}

export function buildIdentities(index: WorldIndex, cidrPrefixes: readonly Prefix[]): IdentityTable {
  const { world } = index;
  const podLabels = new Map<string, Label[]>();
  const keys = new Set<string>();
  for (const p of world.pods) {
    if (p.hostNetwork) continue;
    const ls = podIdentityLabels(p, index.namespaces.get(p.namespace), world.clusterName);
    podLabels.set(podKey(p), ls);
    keys.add(labelsKey(ls));
  }
  const ids = allocateIds([...keys], world.pinnedIdentities);
  const byKey = new Map<string, Identity>();
  const pods = new Map<string, Identity>();
  for (const [pk, ls] of podLabels) {
    const k = labelsKey(ls);
    let idn = byKey.get(k);
    if (!idn) {
      idn = makeIdentity(ids.get(k) as IdentityId, ls, { namespace: pk.split("/")[0] });
      byKey.set(k, idn);
    }
    pods.set(pk, idn);
  }
  const cidrs = [
    ...new Map(cidrPrefixes.filter((p) => p.family === 4).map((p) => [`${p.base}/${p.bits}`, p])).values(),
  ].sort((a, b) => a.base - b.base || a.bits - b.bits);
  const cidrIds = cidrs.map((p, i) => {
    const text = `${[p.base >>> 24, (p.base >>> 16) & 255, (p.base >>> 8) & 255, p.base & 255].join(".")}/${p.bits}`;
    return {
      prefix: p,
      identity: makeIdentity(identityId(LOCAL_IDENTITY_FLAG + 1 + i), [
        { source: SOURCE_CIDR, key: text, value: "" },
        r("world"),
      ]),
    };
  });
  const all = [...reservedIdentities(), ...byKey.values(), ...cidrIds.map((c) => c.identity)].sort(
    (a, b) => a.id - b.id,
  );
  const byId = new Map(all.map((i) => [i.id as number, i]));
  const hostLocal = makeIdentity(RESERVED.host, [r("host")], { reserved: "host" });
  const hostLocalApi = makeIdentity(RESERVED.host, [r("host"), r("kube-apiserver")], { reserved: "host" });
  const remote = byId.get(RESERVED["remote-node"]) as Identity;
  const remoteApi = byId.get(RESERVED["kube-apiserver"]) as Identity;
  const worldId = byId.get(RESERVED.world) as Identity;
  const apiExternal = makeIdentity(RESERVED["kube-apiserver"], [r("kube-apiserver"), r("world")], {
    reserved: "kube-apiserver",
  });
  const allocations = new Map<string, number>();
  for (const [k, v] of ids) allocations.set(k, v);
  return {
    all,
    byId,
    pods,
    allocations,
    hostView: (n) => (index.apiserverIPs.has(n.ip) ? hostLocalApi : hostLocal),
    remoteNodeView: (n) => (index.apiserverIPs.has(n.ip) ? remoteApi : remote),
    worldView: (ip) => {
      if (index.apiserverIPs.has(ip)) return apiExternal;
      const n = parseIPv4(ip);
      if (n === undefined) return worldId;
      let best: { prefix: Prefix; identity: Identity } | undefined;
      for (const c of cidrIds)
        if (prefixContainsIP(c.prefix, n) && (!best || c.prefix.bits > best.prefix.bits)) best = c;
      return best?.identity ?? worldId;
    },
  };
}

export function sortedIdentityKeys(t: IdentityTable): string[] {
  return [...t.allocations.keys()].sort(cmpStr);
}
