/**
 * Label selectors over Cilium labels, with Kubernetes (apimachinery) semantics:
 * matchLabels and matchExpressions are ANDed; In needs the key; NotIn and DoesNotExist also match when
 * the key is absent (apimachinery labels.Requirement.Matches — cyclonus gets NotIn wrong, we test it).
 * An empty selector matches everything.
 */
import { cmpStr } from "./brand";
import { type LabelIndex, parseSelectorKey, SOURCE_ANY } from "./labels";

export type SelectorOp = "In" | "NotIn" | "Exists" | "DoesNotExist";

export interface Requirement {
  /** `any` matches a label of any source. */
  readonly source: string;
  readonly key: string;
  readonly op: SelectorOp;
  readonly values: readonly string[];
}

export interface Selector {
  readonly requirements: readonly Requirement[];
  /** Canonical text, used as the selector-cache key. */
  readonly key: string;
}

/** `k8s:key in (a,b)`, `!any:key` — a requirement as Cilium prints selector keys. */
export function requirementText(r: Requirement): string {
  const k = `${r.source}:${r.key}`;
  switch (r.op) {
    case "In":
      return `${k} in (${r.values.join(",")})`;
    case "NotIn":
      return `${k} notin (${r.values.join(",")})`;
    case "Exists":
      return k;
    case "DoesNotExist":
      return `!${k}`;
  }
}

export function makeSelector(reqs: readonly Requirement[]): Selector {
  const sorted = [...reqs]
    .map((r) => ({ ...r, values: [...r.values].sort(cmpStr) }))
    .sort((a, b) => cmpStr(requirementText(a), requirementText(b)));
  return { requirements: sorted, key: sorted.map(requirementText).join(",") };
}

/** Raw Kubernetes LabelSelector JSON, as found in manifests (already schema-checked). */
export interface RawLabelSelector {
  readonly matchLabels?: Readonly<Record<string, string>>;
  readonly matchExpressions?: readonly { key: string; operator: string; values?: readonly string[] }[];
}

/** Convert a manifest selector; keys without a source get `defaultSource` (Cilium: `any`). */
export function fromRawSelector(raw: RawLabelSelector | undefined, defaultSource = SOURCE_ANY): Selector {
  const reqs: Requirement[] = [];
  const toKey = (k: string) => {
    const p = parseSelectorKey(k);
    return p.source === SOURCE_ANY ? { source: defaultSource, key: p.key } : p;
  };
  for (const [k, v] of Object.entries(raw?.matchLabels ?? {})) {
    reqs.push({ ...toKey(k), op: "In", values: [String(v)] });
  }
  for (const e of raw?.matchExpressions ?? []) {
    reqs.push({ ...toKey(e.key), op: e.operator as SelectorOp, values: [...(e.values ?? [])] });
  }
  return makeSelector(reqs);
}

export function withRequirement(sel: Selector, r: Requirement): Selector {
  return makeSelector([...sel.requirements, r]);
}

/** True when the selector names this key (any source or the given source). */
export function selectorHasKey(sel: Selector, source: string, key: string): boolean {
  return sel.requirements.some(
    (r) => r.key === key && (r.source === source || r.source === SOURCE_ANY || source === SOURCE_ANY),
  );
}

export function selectorHasKeyPrefix(sel: Selector, source: string, prefix: string): boolean {
  return sel.requirements.some(
    (r) => r.key.startsWith(prefix) && (source === SOURCE_ANY || r.source === source || r.source === SOURCE_ANY),
  );
}

export function selectorHasSource(sel: Selector, source: string): boolean {
  return sel.requirements.some((r) => r.source === source);
}

function valuesFor(labels: LabelIndex, r: Requirement): string[] {
  const ls = labels.get(r.key);
  if (!ls) return [];
  const out: string[] = [];
  for (const l of ls) if (r.source === SOURCE_ANY || l.source === r.source) out.push(l.value);
  return out;
}

export function requirementMatches(r: Requirement, labels: LabelIndex): boolean {
  const vals = valuesFor(labels, r);
  switch (r.op) {
    case "Exists":
      return vals.length > 0;
    case "DoesNotExist":
      return vals.length === 0;
    case "In":
      return vals.some((v) => r.values.includes(v));
    case "NotIn":
      // apimachinery: NotIn is satisfied when the key is absent.
      return !vals.some((v) => r.values.includes(v));
  }
}

export function selectorMatches(sel: Selector, labels: LabelIndex): boolean {
  for (const r of sel.requirements) if (!requirementMatches(r, labels)) return false;
  return true;
}

/** kubectl-style text of a Kubernetes LabelSelector (metav1.FormatLabelSelector): `<none>` when empty. */
export function formatRawSelector(raw: RawLabelSelector | undefined): string {
  const parts: string[] = [];
  const ml = raw?.matchLabels ?? {};
  for (const k of Object.keys(ml).sort(cmpStr)) parts.push(`${k}=${ml[k]}`);
  for (const e of raw?.matchExpressions ?? []) {
    const vals = [...(e.values ?? [])].sort(cmpStr).join(",");
    if (e.operator === "In") parts.push(`${e.key} in (${vals})`);
    else if (e.operator === "NotIn") parts.push(`${e.key} notin (${vals})`);
    else if (e.operator === "Exists") parts.push(e.key);
    else if (e.operator === "DoesNotExist") parts.push(`!${e.key}`);
  }
  return parts.length === 0 ? "<none>" : parts.join(",");
}
