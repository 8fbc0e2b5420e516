/**
 * Label selector strings as `kubectl -l` takes them (apimachinery labels.Parse): `k=v`, `k==v`, `k!=v`, `k`,
 * `!k`, `k in (a,b)`, `k notin (a,b)`, comma-separated and ANDed. A missing key never matches `notin`/`!=`…
 * except as Kubernetes defines: `k!=v` and `k notin (…)` match objects without the key.
 */
export type Requirement =
  | { readonly op: "eq" | "neq"; readonly key: string; readonly value: string }
  | { readonly op: "in" | "notin"; readonly key: string; readonly values: readonly string[] }
  | { readonly op: "exists" | "notexists"; readonly key: string };

export type SelectorResult =
  { readonly ok: true; readonly reqs: readonly Requirement[] } | { readonly ok: false; readonly error: string };

/** Splits on commas that are not inside parentheses. */
function splitTop(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = "";
  for (const c of s) {
    if (c === "(") depth++;
    if (c === ")") depth--;
    if (c === "," && depth === 0) {
      out.push(cur);
      cur = "";
    } else cur += c;
  }
  out.push(cur);
  return out;
}

const KEY = /^[A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?$/;

/** Parses a selector string. */
export function parseSelector(s: string): SelectorResult {
  const reqs: Requirement[] = [];
  if (s.trim() === "") return { ok: true, reqs };
  for (const raw of splitTop(s)) {
    const part = raw.trim();
    let m: RegExpExecArray | null;
    if ((m = /^(\S+?)\s+(in|notin)\s*\(([^)]*)\)$/.exec(part))) {
      reqs.push({
        op: m[2] as "in" | "notin",
        key: m[1] as string,
        values: (m[3] as string).split(",").map((v) => v.trim()),
      });
    } else if ((m = /^([^=!\s]+)\s*(==|=|!=)\s*([^=!\s]*)$/.exec(part))) {
      reqs.push({ op: m[2] === "!=" ? "neq" : "eq", key: m[1] as string, value: m[3] as string });
    } else if ((m = /^!\s*(\S+)$/.exec(part))) {
      reqs.push({ op: "notexists", key: m[1] as string });
    } else if (KEY.test(part)) {
      reqs.push({ op: "exists", key: part });
    } else {
      return {
        ok: false,
        error: `unable to parse requirement: found '${part}', expected: in, notin, =, ==, !=, gt, lt`,
      };
    }
  }
  for (const r of reqs)
    if (!KEY.test(r.key)) return { ok: false, error: `unable to parse requirement: ${r.key}: invalid label key` };
  return { ok: true, reqs };
}

/** True when the labels satisfy every requirement. */
export function matches(reqs: readonly Requirement[], labels: Readonly<Record<string, string>> | undefined): boolean {
  const l = labels ?? {};
  return reqs.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    const v = l[r.key];
    switch (r.op) {
      case "eq":
        return has && v === r.value;
      case "neq":
        return !has || v !== r.value;
      case "in":
        return has && r.values.includes(v as string);
      case "notin":
        return !has || !r.values.includes(v as string);
      case "exists":
        return has;
      case "notexists":
        return !has;
    }
  });
}
