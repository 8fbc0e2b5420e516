/** Small typed readers over Kubernetes JSON objects (they are trusted API output, but fields may be absent). */
import type { KObject } from "../cluster/api";
import type { Json } from "../printers/yaml";

type JMap = { readonly [k: string]: Json };

const SPLIT = new Map<string, readonly string[]>();

/** Reads a dotted path; numeric segments index arrays. */
export function at(obj: Json | KObject | undefined, path: string): Json | undefined {
  let cur: Json | undefined = obj as Json | undefined;
  let segs = SPLIT.get(path);
  if (!segs) SPLIT.set(path, (segs = path.split(".")));
  for (const seg of segs) {
    if (cur === null || cur === undefined || typeof cur !== "object") return undefined;
    cur = Array.isArray(cur) ? (cur as readonly Json[])[Number(seg)] : (cur as JMap)[seg];
  }
  return cur;
}

export function str(obj: Json | KObject | undefined, path: string, dflt = ""): string {
  const v = at(obj, path);
  return typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : dflt;
}

export function num(obj: Json | KObject | undefined, path: string, dflt = 0): number {
  const v = at(obj, path);
  return typeof v === "number" ? v : dflt;
}

export function arr(obj: Json | KObject | undefined, path: string): readonly Json[] {
  const v = at(obj, path);
  return Array.isArray(v) ? (v as readonly Json[]) : [];
}

export function map(obj: Json | KObject | undefined, path: string): Readonly<Record<string, string>> {
  const v = at(obj, path);
  if (v === null || typeof v !== "object" || Array.isArray(v)) return {};
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v as JMap)) out[k] = typeof x === "string" ? x : String(x);
  return out;
}

/** `k=v,k2=v2` sorted by key (labels.FormatLabels / Set.String). */
export function formatLabels(labels: Readonly<Record<string, string>>, empty = "<none>"): string {
  const keys = Object.keys(labels).sort();
  return keys.length === 0 ? empty : keys.map((k) => `${k}=${labels[k]}`).join(",");
}

/**
 * metav1.FormatLabelSelector: matchLabels as `k=v`, expressions as `k in (a,b)`, `k notin (a,b)`, `k`, `!k`;
 * the empty selector prints `<none>`.
 */
export function formatLabelSelector(sel: Json | undefined): string {
  if (sel === undefined || sel === null) return "<none>";
  // labels.Selector.String(): requirements sorted by key, set values sorted
  const parts: { key: string; text: string }[] = [];
  const ml = map(sel, "matchLabels");
  for (const k of Object.keys(ml)) parts.push({ key: k, text: `${k}=${ml[k]}` });
  for (const e of arr(sel, "matchExpressions")) {
    const key = str(e, "key");
    const op = str(e, "operator");
    const values = arr(e, "values")
      .map((v) => String(v))
      .sort();
    if (op === "In") parts.push({ key, text: `${key} in (${values.join(",")})` });
    else if (op === "NotIn") parts.push({ key, text: `${key} notin (${values.join(",")})` });
    else if (op === "Exists") parts.push({ key, text: key });
    else if (op === "DoesNotExist") parts.push({ key, text: `!${key}` });
  }
  parts.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return parts.length === 0 ? "<none>" : parts.map((p) => p.text).join(",");
}
