/**
 * Go encoding/json MarshalIndent with 4 spaces (kubectl -o json, cilium-dbg policy get): keys sorted (Go maps
 * and kubectl's unstructured objects marshal in key order), HTML characters escaped as Go does.
 */
import type { Json } from "./yaml";

function sortKeys(v: Json): Json {
  if (Array.isArray(v)) return (v as readonly Json[]).map(sortKeys);
  if (typeof v === "object" && v !== null) {
    const o = v as { readonly [k: string]: Json };
    const r: Record<string, Json> = {};
    for (const k of Object.keys(o).sort()) r[k] = sortKeys(o[k] as Json);
    return r;
  }
  return v;
}

/** `indent` spaces per level; Go escapes <, > and & in strings. */
export function toJson(v: Json, indent = 4): string {
  const s = JSON.stringify(sortKeys(v), null, indent);
  return s.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** Go's json.Marshal compact form, keys sorted (the last-applied-configuration annotation). */
export function toCompactJson(v: Json): string {
  return toJson(v, 0);
}
