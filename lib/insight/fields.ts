/**
 * What the editor may complete at a place in a manifest: the fields the API server's schema (the same one
 * `kubectl apply` checks against) allows under a path, the values an enum allows, and the label keys and
 * values that exist in the cluster (for selectors).
 */
import { type ClusterState, RESOURCE_TYPES } from "@/lib/cluster";
import { cmpStr } from "@/lib/engine";
import { ENTITY_ENUM } from "@/lib/cluster/schema/cilium";
import type { Schema } from "@/lib/cluster/schema/dsl";
import { schemaForKind } from "@/lib/cluster/schema/index";

export interface FieldInfo {
  readonly name: string;
  /** `string`, `object`, `array`, `map`, `integer`, `boolean`, `intOrString`, `any`. */
  readonly type: Schema["t"];
  /** Allowed values of a string field (or of the array's items). */
  readonly values?: readonly string[];
}

/** The schema at a path of keys (`"[]"` steps into array items). */
export function schemaAt(kind: string, path: readonly string[]): Schema | undefined {
  let s: Schema | undefined = schemaForKind(kind);
  for (const step of path) {
    if (!s) return undefined;
    if (step === "[]") s = s.t === "array" ? s.items : undefined;
    else if (s.t === "object") s = s.props[step];
    else if (s.t === "map") s = s.values;
    else return undefined;
  }
  return s;
}

/** Fields an object at `path` may have (empty when the path is not an object in the schema). */
export function fieldsAt(kind: string, path: readonly string[]): FieldInfo[] {
  const s = schemaAt(kind, path);
  if (!s || s.t !== "object") return [];
  return Object.entries(s.props).map(([name, f]) => {
    const values = f.t === "string" ? f.enum : f.t === "array" && f.items.t === "string" ? f.items.enum : undefined;
    return { name, type: f.t, ...(values ? { values } : {}) };
  });
}

/** Values a scalar at `path` may take, when the schema lists them (or they are entities). */
export function valuesAt(kind: string, path: readonly string[]): readonly string[] {
  const s = schemaAt(kind, path);
  if (s?.t === "string" && s.enum) return s.enum;
  const last = path[path.length - 1] === "[]" ? path[path.length - 2] : path[path.length - 1];
  if (last === "toEntities" || last === "fromEntities") return ENTITY_ENUM;
  return [];
}

/** Kinds `kubectl apply` accepts here, with their apiVersion. */
export function applicableKinds(): { kind: string; apiVersion: string }[] {
  const seen = new Map<string, string>();
  for (const r of RESOURCE_TYPES) if (!r.derived && !seen.has(r.kind)) seen.set(r.kind, r.apiVersion);
  return [...seen].map(([kind, apiVersion]) => ({ kind, apiVersion })).sort((a, b) => cmpStr(a.kind, b.kind));
}

/** Label keys on the cluster's pods (and the namespace key Cilium adds), each with the values in use. */
export function clusterLabels(state: ClusterState): Map<string, string[]> {
  const m = new Map<string, Set<string>>();
  const add = (k: string, v: string) => {
    const cur = m.get(k) ?? new Set<string>();
    cur.add(v);
    m.set(k, cur);
  };
  for (const p of state.world.pods) {
    if (p.hostNetwork) continue;
    for (const [k, v] of Object.entries(p.labels))
      if (k !== "pod-template-hash" && k !== "controller-revision-hash" && k !== "pod-template-generation") add(k, v);
    add("k8s:io.kubernetes.pod.namespace", p.namespace);
  }
  return new Map([...m].sort((a, b) => cmpStr(a[0], b[0])).map(([k, vs]) => [k, [...vs].sort(cmpStr)]));
}
