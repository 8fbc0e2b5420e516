/**
 * The small part of kubectl's JSONPath that labs use: `{.a.b}`, `{.items[*].metadata.name}`, `{.a[0]}`,
 * `{.metadata.labels.app\.kubernetes\.io/name}`, literal text between expressions, `{"\n"}`. Several results of
 * one expression are joined with spaces, as kubectl does.
 */
import { toCompactJson } from "../printers/json";
import type { Json } from "../printers/yaml";

type Result = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly error: string };

function segments(path: string): string[] | undefined {
  const out: string[] = [];
  let cur = "";
  for (let i = 0; i < path.length; i++) {
    const c = path[i] as string;
    if (c === "\\" && i + 1 < path.length) {
      cur += path[++i];
    } else if (c === ".") {
      if (cur !== "") out.push(cur);
      cur = "";
    } else if (c === "[") {
      if (cur !== "") out.push(cur);
      const close = path.indexOf("]", i);
      if (close < 0) return undefined;
      out.push(`[${path.slice(i + 1, close)}]`);
      cur = "";
      i = close;
    } else cur += c;
  }
  if (cur !== "") out.push(cur);
  return out;
}

function walk(values: readonly Json[], seg: string): Json[] {
  const out: Json[] = [];
  for (const v of values) {
    if (seg.startsWith("[")) {
      if (!Array.isArray(v)) continue;
      const inner = seg.slice(1, -1);
      if (inner === "*") out.push(...(v as Json[]));
      else {
        const n = Number(inner);
        const x = (v as Json[])[n < 0 ? (v as Json[]).length + n : n];
        if (x !== undefined) out.push(x);
      }
    } else if (seg === "*" && v !== null && typeof v === "object")
      out.push(...Object.values(v as Record<string, Json>));
    else if (v !== null && typeof v === "object" && !Array.isArray(v)) {
      const x = (v as Record<string, Json>)[seg];
      if (x !== undefined) out.push(x);
    }
  }
  return out;
}

function show(v: Json): string {
  return typeof v === "string" ? v : typeof v === "object" && v !== null ? toCompactJson(v) : String(v);
}

/** Evaluates a template against the printed value (a List when several objects). */
export function jsonpath(template: string, root: Json): Result {
  let text = "";
  let i = 0;
  const t = template.replace(/^'|'$/g, "");
  while (i < t.length) {
    const open = t.indexOf("{", i);
    if (open < 0) {
      text += t.slice(i);
      break;
    }
    text += t.slice(i, open);
    const close = t.indexOf("}", open);
    if (close < 0) return { ok: false, error: `error: error parsing jsonpath ${t}, unclosed action\n` };
    const expr = t.slice(open + 1, close).trim();
    i = close + 1;
    const lit = /^"(.*)"$/.exec(expr);
    if (lit) {
      text += (lit[1] as string).replace(/\\n/g, "\n").replace(/\\t/g, "\t");
      continue;
    }
    const segs = segments(expr.replace(/^\$/, ""));
    if (!segs) return { ok: false, error: `error: error parsing jsonpath ${t}, unterminated array\n` };
    let vals: Json[] = [root];
    for (const s of segs) vals = walk(vals, s);
    text += vals.map(show).join(" ");
  }
  return { ok: true, text };
}
