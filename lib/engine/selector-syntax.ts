/**
 * The kubectl `-l` selector language (apimachinery pkg/labels/selector.go Parse):
 * `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a` (exists), `!a` (does not exist), comma = AND.
 * `!=` and `notin` also match objects without the key, as in apimachinery.
 */
import { makeSelector, type Requirement, type Selector } from "./selector";
import { SOURCE_K8S } from "./labels";

export type ParsedSelector = { ok: true; selector: Selector } | { ok: false; error: string };

type Tok = { t: "id" | "op" | "(" | ")" | "," | "!" | "eof"; v: string };

function tokenize(s: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i] as string;
    if (c === " " || c === "\t") {
      i++;
      continue;
    }
    if (c === "(" || c === ")" || c === ",") {
      out.push({ t: c, v: c });
      i++;
      continue;
    }
    if (s.startsWith("==", i) || s.startsWith("!=", i)) {
      out.push({ t: "op", v: s.slice(i, i + 2) });
      i += 2;
      continue;
    }
    if (c === "=" || c === ">" || c === "<") {
      out.push({ t: "op", v: c });
      i++;
      continue;
    }
    if (c === "!") {
      out.push({ t: "!", v: c });
      i++;
      continue;
    }
    let j = i;
    while (j < s.length && !" \t(),=!<>".includes(s[j] as string)) j++;
    out.push({ t: "id", v: s.slice(i, j) });
    i = j;
  }
  out.push({ t: "eof", v: "" });
  return out;
}

const KEY_RE =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const VALUE_RE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function keyError(k: string): string | undefined {
  if (k.length === 0) return `unable to parse requirement: <nil>: Invalid value: "": name part must be non-empty`;
  if (!KEY_RE.test(k)) {
    return `unable to parse requirement: <nil>: Invalid value: ${JSON.stringify(k)}: name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`;
  }
  return undefined;
}

function valueError(v: string): string | undefined {
  if (!VALUE_RE.test(v) || v.length > 63) {
    return `unable to parse requirement: values[0][${v}]: Invalid value: ${JSON.stringify(v)}: a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`;
  }
  return undefined;
}

/** Parse a selector string; the error text is what kubectl prints after `error: `. */
export function parseSelectorString(text: string): ParsedSelector {
  const toks = tokenize(text);
  let p = 0;
  const reqs: Requirement[] = [];
  const peek = () => toks[p] as Tok;
  const next = () => toks[p++] as Tok;
  const fail = (msg: string): ParsedSelector => ({ ok: false, error: msg });
  if (text.trim() === "") return { ok: true, selector: makeSelector([]) };
  for (;;) {
    let negate = false;
    if (peek().t === "!") {
      next();
      negate = true;
    }
    const k = next();
    if (k.t !== "id") return fail(`unable to parse requirement: found '${k.v}', expected: identifier`);
    const ke = keyError(k.v);
    if (ke) return fail(ke);
    const base = { source: SOURCE_K8S, key: k.v };
    const after = peek();
    if (negate) {
      if (after.t !== "," && after.t !== "eof")
        return fail(`unable to parse requirement: found '${after.v}', expected: ',' or 'end of string'`);
      reqs.push({ ...base, op: "DoesNotExist", values: [] });
    } else if (after.t === "," || after.t === "eof") {
      reqs.push({ ...base, op: "Exists", values: [] });
    } else if (after.t === "op") {
      next();
      const v = peek().t === "id" ? next().v : "";
      const ve = valueError(v);
      if (ve) return fail(ve);
      if (after.v === ">" || after.v === "<")
        return fail(`unable to parse requirement: operator ${after.v} is not supported by this simulator`);
      reqs.push({ ...base, op: after.v === "!=" ? "NotIn" : "In", values: [v] });
    } else if (after.t === "id" && (after.v === "in" || after.v === "notin")) {
      next();
      if (next().t !== "(") return fail(`unable to parse requirement: found '${toks[p - 1]?.v ?? ""}', expected: '('`);
      const vals: string[] = [];
      for (;;) {
        const t = peek();
        if (t.t === "id") {
          const ve = valueError(t.v);
          if (ve) return fail(ve);
          vals.push(t.v);
          next();
        }
        const s = next();
        if (s.t === ")") break;
        if (s.t !== ",") return fail(`unable to parse requirement: found '${s.v}', expected: ',', ')' or identifier`);
      }
      if (vals.length === 0)
        return fail(`unable to parse requirement: for 'in', 'notin' operators, values set can't be empty`);
      reqs.push({ ...base, op: after.v === "in" ? "In" : "NotIn", values: vals });
    } else {
      return fail(`unable to parse requirement: found '${after.v}', expected: in, notin, =, ==, !=, gt, lt`);
    }
    const sep = next();
    if (sep.t === "eof") break;
    if (sep.t !== ",") return fail(`found '${sep.v}', expected: ',' or 'end of string'`);
  }
  return { ok: true, selector: makeSelector(reqs) };
}
