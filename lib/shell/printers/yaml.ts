/**
 * A sigs.k8s.io/yaml (go-yaml v2) style emitter for `kubectl get -o yaml`: 2-space indent, keys sorted, list
 * items at their parent key's column, strings that would read back as another type double-quoted, strings the
 * plain style cannot carry single-quoted, multi-line strings as literal blocks.
 * Source: go-yaml v2 encode.go `stringv` and emitterc.go `yaml_emitter_analyze_scalar`.
 */
import type { Json } from "@/lib/cluster";

export type { Json };

/** True when go-yaml's resolver would read the plain scalar as something other than a string. */
function resolvesToNonString(s: string): boolean {
  if (/^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/.test(s)) return true;
  if (/^(?:~|null|Null|NULL)$/.test(s)) return true;
  if (/^[-+]?(?:0b[01_]+|0[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*)$/.test(s)) return true;
  if (/^[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?$/.test(s)) return true;
  if (/^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$/.test(s)) return true;
  if (/^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/.test(s)) return true; // base 60
  if (/^\d{4}-\d\d?-\d\d?(?:(?:[Tt]|[ \t]+)\d\d?:\d\d:\d\d(?:\.\d*)?(?:[ \t]*(?:Z|[-+]\d\d?(?::\d\d)?))?)?$/.test(s))
    return true;
  return false;
}

/** The emitter's "plain allowed" analysis (block context). */
function plainAllowed(s: string): boolean {
  if (s === "") return false;
  if (/^[\s]|[\s]$/.test(s)) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(s)) {
    // '-', '?' and ':' may start a plain scalar when followed by a non-space character
    if (!(/^[-?:]/.test(s) && s.length > 1 && !/^[-?:]\s/.test(s))) return false;
  }
  if (s === "---" || s === "...") return false;
  if (/: |:$| #/.test(s)) return false;
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s)) return false;
  return true;
}

function doubleQuote(s: string): string {
  return `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\t/g, "\\t")}"`;
}

/**
 * go-yaml v2 folds long plain scalars: at a space, when the line is already past 80 columns and the next
 * character is not a space, it breaks and continues at the value's indentation (emitterc.go, best_width).
 */
function fold(s: string, startCol: number, cont: string): string {
  let out = "";
  let col = startCol;
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (c === " " && col > 80 && s[i + 1] !== " " && s[i - 1] !== " ") {
      out += "\n" + cont;
      col = cont.length;
      continue;
    }
    out += c;
    col++;
  }
  return out;
}

function scalar(s: string, indent: string, startCol = -1): string {
  if (s.includes("\n")) {
    const chomp = s.endsWith("\n") ? (s.endsWith("\n\n") ? "+" : "") : "-";
    const body = (s.endsWith("\n") ? s.slice(0, -1) : s).split("\n");
    const ind = /^\s/.test(s) ? "2" : "";
    return `|${ind}${chomp}\n` + body.map((l) => (l === "" ? "" : indent + "  " + l)).join("\n");
  }
  if (resolvesToNonString(s)) return doubleQuote(s);
  if (!plainAllowed(s)) return `'${s.replace(/'/g, "''")}'`;
  return startCol >= 0 ? fold(s, startCol, indent + "  ") : s;
}

function key(k: string): string {
  return k.includes("\n") ? doubleQuote(k) : scalar(k, "");
}

function isMap(v: Json): v is { readonly [k: string]: Json } {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function leaf(v: Json, indent: string, startCol = -1): string | undefined {
  if (v === null) return "null";
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "number") return String(v);
  if (typeof v === "string") return scalar(v, indent, startCol);
  if (Array.isArray(v) && v.length === 0) return "[]";
  if (isMap(v) && Object.keys(v).length === 0) return "{}";
  return undefined;
}

function emit(v: Json, indent: string, out: string[]): void {
  if (Array.isArray(v)) {
    for (const item of v as readonly Json[]) {
      const l = leaf(item, indent, indent.length + 2);
      if (l !== undefined) {
        out.push(`${indent}- ${l}`);
      } else {
        const sub: string[] = [];
        emit(item, indent + "  ", sub);
        const first = sub[0] ?? "";
        out.push(`${indent}- ${first.slice(indent.length + 2)}`, ...sub.slice(1));
      }
    }
    return;
  }
  if (isMap(v)) {
    for (const k of Object.keys(v).sort()) {
      const val = v[k] as Json;
      const l = leaf(val, indent, indent.length + key(k).length + 2);
      if (l !== undefined) out.push(`${indent}${key(k)}: ${l}`);
      else if (Array.isArray(val)) {
        out.push(`${indent}${key(k)}:`);
        emit(val, indent, out);
      } else {
        out.push(`${indent}${key(k)}:`);
        emit(val, indent + "  ", out);
      }
    }
  }
}

/** Serialises a JSON-like value as kubectl -o yaml does (ends with a newline). */
export function toYaml(v: Json): string {
  const l = leaf(v, "");
  if (l !== undefined) return l + "\n";
  const out: string[] = [];
  emit(v, "", out);
  return out.join("\n") + "\n";
}
