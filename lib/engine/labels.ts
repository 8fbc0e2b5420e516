/**
 * Cilium labels: `source:key=value`. Pod labels come from the `k8s` source, reserved identities from
 * `reserved`, CIDR identities from `cidr`. Selectors written without a source match any source (`any:`).
 * Source: cilium pkg/labels/labels.go (parseSource, Label.String).
 */
import { cmpStr } from "./brand";

export interface Label {
  readonly source: string;
  readonly key: string;
  readonly value: string;
}

export const SOURCE_K8S = "k8s";
export const SOURCE_RESERVED = "reserved";
export const SOURCE_ANY = "any";
export const SOURCE_CIDR = "cidr";
/** Labels of a CiliumCIDRGroup, as cidrGroupSelector sees them (pkg/labels LabelSourceCIDRGroup). */
export const SOURCE_CIDR_GROUP = "cidrgroup";

/** Namespace label Cilium adds to every pod identity. */
export const LABEL_POD_NAMESPACE = "io.kubernetes.pod.namespace";
/** Prefix of the namespace's own labels copied onto pod identities. */
export const LABEL_NS_LABELS_PREFIX = "io.cilium.k8s.namespace.labels.";
export const LABEL_SERVICE_ACCOUNT = "io.cilium.k8s.policy.serviceaccount";
export const LABEL_CLUSTER = "io.cilium.k8s.policy.cluster";

/** `k8s:app=web`; an empty value prints without `=` (`reserved:host`), as Cilium's Label.String does. */
export function formatLabel(l: Label): string {
  return l.value === "" ? `${l.source}:${l.key}` : `${l.source}:${l.key}=${l.value}`;
}

/**
 * Split a selector key into source and key like Cilium's parseSource: the text before the first ':' is
 * the source; `$host` is shorthand for `reserved:host`; no ':' means any source.
 */
export function parseSelectorKey(raw: string): { source: string; key: string } {
  if (raw.startsWith("$")) return { source: SOURCE_RESERVED, key: raw.slice(1) };
  const i = raw.indexOf(":");
  if (i < 0) return { source: SOURCE_ANY, key: raw };
  return { source: raw.slice(0, i), key: raw.slice(i + 1) };
}

export function sortLabels(ls: readonly Label[]): Label[] {
  return [...ls].sort((a, b) => cmpStr(formatLabel(a), formatLabel(b)));
}

/** Labels indexed by key for selector matching (several sources may share a key). */
export type LabelIndex = ReadonlyMap<string, readonly Label[]>;

export function indexLabels(ls: readonly Label[]): LabelIndex {
  const m = new Map<string, Label[]>();
  for (const l of ls) {
    const cur = m.get(l.key);
    if (cur) cur.push(l);
    else m.set(l.key, [l]);
  }
  return m;
}

/** Turn a plain k8s label map into `k8s:` labels. */
export function k8sLabels(m: Readonly<Record<string, string>>): Label[] {
  return Object.keys(m).map((key) => ({ source: SOURCE_K8S, key, value: m[key] ?? "" }));
}

/**
 * Cilium's default identity-relevant label filter (pkg/labelsfilter/filter.go, docs
 * "Limiting Identity-Relevant Labels"): keep io.kubernetes.pod.namespace, io.cilium.k8s.* and
 * app.kubernetes.io/*; drop other io.kubernetes* and *kubernetes.io / *k8s.io prefixed keys,
 * pod-template-generation, pod-template-hash, controller-revision-hash, annotation.*, etcd_node
 * (so statefulset.kubernetes.io/pod-name and batch.kubernetes.io/* never reach an identity).
 */
export function isIdentityRelevant(key: string): boolean {
  if (key === LABEL_POD_NAMESPACE) return true;
  if (key.startsWith("io.cilium.k8s.")) return true;
  if (key.startsWith("app.kubernetes.io")) return true;
  if (key.startsWith("io.kubernetes")) return false;
  const slash = key.indexOf("/");
  const prefix = slash >= 0 ? key.slice(0, slash) : key;
  if (/(^|\.)kubernetes\.io$/.test(prefix) || /(^|\.)k8s\.io$/.test(prefix)) return false;
  if (key.startsWith("kubernetes.io") || key.startsWith("beta.kubernetes.io") || key.startsWith("k8s.io")) return false;
  if (key === "pod-template-generation" || key === "pod-template-hash" || key === "controller-revision-hash")
    return false;
  if (key.startsWith("annotation.") || key === "etcd_node") return false;
  return true;
}
