/**
 * A small block-YAML writer for the drafted policies: keys in the order they were built (a policy reads
 * apiVersion, kind, metadata, spec — not alphabetically), strings quoted only when YAML would read them
 * as something else. No dependency on the YAML parser, so drafting runs before it has loaded.
 */
export type YamlValue = string | number | boolean | null | readonly YamlValue[] | { readonly [k: string]: YamlValue };

/** Starts like a plain scalar, and holds no `: `, ` #`, newline or tab (YAML would read those as structure). */
const PLAIN = /^[^\s\-?:,[\]{}#&*!|>'"%@`][^\n\t]*$/;
const SPECIAL =
  /^(true|false|yes|no|on|off|y|n|null|~|[-+]?(\d[\d_]*)?\.?\d+([eE][-+]?\d+)?|0x[0-9a-fA-F]+|0o?[0-7]+|\.inf|\.nan)$/i;

function scalar(v: string | number | boolean | null): string {
  if (v === null) return "null";
  if (typeof v !== "string") return String(v);
  if (v !== "" && PLAIN.test(v) && !SPECIAL.test(v) && !/: | #|[\s:]$/.test(v)) return v;
  return JSON.stringify(v);
}

function isScalar(v: YamlValue): v is string | number | boolean | null {
  return v === null || typeof v !== "object";
}

function emptyText(v: YamlValue): string | undefined {
  if (Array.isArray(v)) return v.length === 0 ? "[]" : undefined;
  if (v !== null && typeof v === "object") return Object.keys(v).length === 0 ? "{}" : undefined;
  return undefined;
}

function lines(v: YamlValue, indent: string, out: string[]): void {
  if (Array.isArray(v)) {
    for (const item of v as readonly YamlValue[]) {
      const e = emptyText(item);
      if (isScalar(item) || e !== undefined) {
        out.push(`${indent}- ${e ?? scalar(item as string)}`);
        continue;
      }
      const sub: string[] = [];
      lines(item, `${indent}  `, sub);
      out.push(`${indent}- ${(sub[0] ?? "").slice(indent.length + 2)}`, ...sub.slice(1));
    }
    return;
  }
  for (const [k, val] of Object.entries(v as Record<string, YamlValue>)) {
    const e = emptyText(val);
    if (isScalar(val) || e !== undefined) out.push(`${indent}${scalar(k)}: ${e ?? scalar(val as string)}`);
    else if (Array.isArray(val)) {
      out.push(`${indent}${scalar(k)}:`);
      lines(val, indent, out);
    } else {
      out.push(`${indent}${scalar(k)}:`);
      lines(val, `${indent}  `, out);
    }
  }
}

/** One YAML document (no leading `---`), ending in a newline. */
export function toYaml(v: { readonly [k: string]: YamlValue }): string {
  const out: string[] = [];
  lines(v, "", out);
  return out.join("\n") + "\n";
}
