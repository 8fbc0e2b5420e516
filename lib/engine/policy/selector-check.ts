/**
 * Label selector validation (apimachinery ValidateLabelSelector), which Cilium runs on every
 * endpointSelector / nodeSelector / peer selector (EndpointSelector.sanitize: "invalid label selector: …")
 * and the API server runs on NetworkPolicy selectors.
 */
import type { Raw } from "@/lib/base/raw";

const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS1123 = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const NAME_MSG =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

/** Cilium keys may carry a `source:` prefix (k8s:, any:, reserved:); strip it before the Kubernetes check. */
function keyError(path: string, raw: string, allowSource: boolean): string | undefined {
  let key = raw;
  if (allowSource) {
    const i = key.indexOf(":");
    if (i >= 0) key = key.slice(i + 1);
    if (key.startsWith("$")) key = key.slice(1);
  }
  const slash = key.lastIndexOf("/");
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (name === "") return `${path}: Invalid value: ${JSON.stringify(raw)}: name part must be non-empty`;
  if (name.length > 63)
    return `${path}: Invalid value: ${JSON.stringify(raw)}: name part must be no more than 63 characters`;
  if (!NAME.test(name)) return `${path}: Invalid value: ${JSON.stringify(raw)}: ${NAME_MSG}`;
  if (prefix !== undefined && !DNS1123.test(prefix))
    return `${path}: Invalid value: ${JSON.stringify(raw)}: prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`;
  return undefined;
}

/** Problems of one selector; `path` prefixes field names ("" for Cilium's own messages). */
export function selectorErrors(sel: unknown, path: string, allowSource: boolean): string[] {
  if (!sel || typeof sel !== "object") return [];
  const s = sel as Raw;
  const p = (x: string) => (path ? `${path}.${x}` : x);
  const out: string[] = [];
  const ml = (s.matchLabels ?? {}) as Record<string, unknown>;
  for (const [k, v] of Object.entries(ml)) {
    const ke = keyError(p("matchLabels"), k, allowSource);
    if (ke) out.push(ke);
    if (typeof v === "string" && (!VALUE.test(v) || v.length > 63))
      out.push(`${p("matchLabels")}: Invalid value: ${JSON.stringify(v)}: ${VALUE_MSG}`);
  }
  (Array.isArray(s.matchExpressions) ? (s.matchExpressions as Raw[]) : []).forEach((e, i) => {
    const ep = p(`matchExpressions[${i}]`);
    const op = String(e.operator ?? "");
    const vals = Array.isArray(e.values) ? e.values : [];
    if ((op === "In" || op === "NotIn") && vals.length === 0)
      out.push(`${ep}.values: Required value: must be specified when \`operator\` is 'In' or 'NotIn'`);
    if ((op === "Exists" || op === "DoesNotExist") && vals.length > 0)
      out.push(`${ep}.values: Forbidden: may not be specified when \`operator\` is 'Exists' or 'DoesNotExist'`);
    const ke = keyError(`${ep}.key`, String(e.key ?? ""), allowSource);
    if (ke) out.push(ke);
    for (const v of vals)
      if (typeof v === "string" && (!VALUE.test(v) || v.length > 63))
        out.push(`${ep}.values: Invalid value: ${JSON.stringify(v)}: ${VALUE_MSG}`);
  });
  return out;
}

/** Cilium's wording: `invalid label selector: <first problem>`. */
export function ciliumSelectorError(sel: unknown): string | undefined {
  const errs = selectorErrors(sel, "", true);
  return errs.length > 0 ? `invalid label selector: ${errs.join(", ")}` : undefined;
}
