/**
 * Security identities. Cilium derives a pod's identity from its identity-relevant labels plus the
 * namespace label and the namespace's labels (pkg/k8s/identitybackend, pkg/labelsfilter); equal label
 * sets share one numeric id. Reserved ids 1-10 are fixed (pkg/identity/numericidentity.go); cluster
 * identities start at 256; local CIDR identities have bit 24 set.
 */
import { cmpStr, type IdentityId, identityId } from "./brand";
import {
  formatLabel,
  indexLabels,
  isIdentityRelevant,
  type Label,
  type LabelIndex,
  LABEL_CLUSTER,
  LABEL_NS_LABELS_PREFIX,
  LABEL_POD_NAMESPACE,
  LABEL_SERVICE_ACCOUNT,
  SOURCE_K8S,
  SOURCE_RESERVED,
  sortLabels,
} from "./labels";
import type { NamespaceModel, PodModel } from "./model";

export const RESERVED = {
  host: identityId(1),
  world: identityId(2),
  unmanaged: identityId(3),
  health: identityId(4),
  init: identityId(5),
  "remote-node": identityId(6),
  "kube-apiserver": identityId(7),
  ingress: identityId(8),
  "world-ipv4": identityId(9),
  "world-ipv6": identityId(10),
} as const;
export type ReservedName = keyof typeof RESERVED;

export const MIN_CLUSTER_IDENTITY = 256;
export const MAX_CLUSTER_IDENTITY = 65535;
export const LOCAL_IDENTITY_FLAG = 1 << 24;

export interface Identity {
  readonly id: IdentityId;
  /** Sorted labels. */
  readonly labels: readonly Label[];
  readonly index: LabelIndex;
  /** Set for reserved identities (and pod identities: undefined). */
  readonly reserved?: ReservedName;
  /** Namespace of a pod identity. */
  readonly namespace?: string;
}

const reservedLabel = (name: string): Label => ({ source: SOURCE_RESERVED, key: name, value: "" });

export function makeIdentity(id: IdentityId, labels: readonly Label[], extra: Partial<Identity> = {}): Identity {
  const sorted = sortLabels(labels);
  return { id, labels: sorted, index: indexLabels(sorted), ...extra };
}

/** The reserved identity table as `cilium-dbg identity list` shows it (7 carries remote-node too). */
export function reservedIdentities(): Identity[] {
  return (Object.keys(RESERVED) as ReservedName[]).map((name) => {
    const labels = [reservedLabel(name)];
    if (name === "kube-apiserver") labels.push(reservedLabel("remote-node"));
    return makeIdentity(RESERVED[name], labels, { reserved: name });
  });
}

/** Identity labels of a pod (all `k8s:` source), before numeric allocation. */
export function podIdentityLabels(pod: PodModel, ns: NamespaceModel | undefined, clusterName: string): Label[] {
  const out: Label[] = [];
  for (const key of Object.keys(pod.labels)) {
    if (isIdentityRelevant(key)) out.push({ source: SOURCE_K8S, key, value: pod.labels[key] ?? "" });
  }
  out.push({ source: SOURCE_K8S, key: LABEL_POD_NAMESPACE, value: pod.namespace });
  for (const [k, v] of Object.entries(ns?.labels ?? {})) {
    out.push({ source: SOURCE_K8S, key: LABEL_NS_LABELS_PREFIX + k, value: v });
  }
  out.push({ source: SOURCE_K8S, key: LABEL_SERVICE_ACCOUNT, value: pod.serviceAccount });
  out.push({ source: SOURCE_K8S, key: LABEL_CLUSTER, value: clusterName });
  return sortLabels(out);
}

/** Canonical text of a label set: the allocation key. */
export function labelsKey(labels: readonly Label[]): string {
  return labels.map(formatLabel).join(";");
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * Allocate numeric ids: `known` (scenario pins and ids handed out in earlier snapshots) win; new label
 * sets get a hash-derived id in [256, 65535], probing past taken ones. Processing sorted keys keeps it
 * deterministic.
 */
export function allocateIds(keys: readonly string[], known: ReadonlyMap<string, number>): Map<string, IdentityId> {
  const out = new Map<string, IdentityId>();
  const taken = new Set<number>();
  for (const k of keys) {
    const id = known.get(k);
    if (id !== undefined && !taken.has(id)) {
      out.set(k, identityId(id));
      taken.add(id);
    }
  }
  for (const id of known.values()) taken.add(id);
  const span = MAX_CLUSTER_IDENTITY - MIN_CLUSTER_IDENTITY + 1;
  for (const k of [...keys].sort(cmpStr)) {
    if (out.has(k)) continue;
    let n = fnv1a(k) % span;
    while (taken.has(MIN_CLUSTER_IDENTITY + n)) n = (n + 1) % span;
    taken.add(MIN_CLUSTER_IDENTITY + n);
    out.set(k, identityId(MIN_CLUSTER_IDENTITY + n));
  }
  return out;
}

/** Short human description used in verdict reasons: the pod's own labels, e.g. `k8s:class=xwing,k8s:org=alliance`. */
const described = new WeakMap<Identity, string>();
export function describeIdentity(idn: Identity): string {
  let d = described.get(idn);
  if (d === undefined) {
    d = describeUncached(idn);
    described.set(idn, d);
  }
  return d;
}

function describeUncached(idn: Identity): string {
  if (idn.reserved) return `reserved:${idn.reserved}`;
  const own = idn.labels.filter(
    (l) =>
      l.source !== SOURCE_K8S ||
      !(l.key.startsWith("io.cilium.k8s.") || l.key === LABEL_POD_NAMESPACE || l.key.startsWith("app.kubernetes.io")),
  );
  const shown = own.length > 0 ? own : idn.labels;
  return shown.map(formatLabel).join(",");
}
