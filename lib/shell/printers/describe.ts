/**
 * kubectl describe building blocks (kubectl pkg/describe/describe.go): a prefix writer whose text goes through
 * a tabwriter (minwidth 0, padding 2), multi-line labels/annotations, smart labels and the generic describer
 * used for custom resources (printUnstructuredContent).
 */
import { DESCRIBE, tabwrite } from "./tabwriter";
import type { Json } from "./yaml";

/** Accumulates describe lines; `level` indents by two spaces, tabs separate aligned cells. */
export class PrefixWriter {
  private done = "";
  private buf = "";
  /** tabwriter.Flush: what was written so far is aligned on its own (kubectl DescribeEvents flushes). */
  flush(): void {
    this.done += tabwrite(this.buf, DESCRIBE);
    this.buf = "";
  }
  write(level: number, text: string): void {
    this.buf += "  ".repeat(level) + text;
  }
  line(text: string): void {
    this.buf += text + "\n";
  }
  /** The aligned text (tabbedString). */
  toString(): string {
    return this.done + tabwrite(this.buf, DESCRIBE);
  }
}

const ACRONYMS = new Set(["API", "URL", "UID", "OSB", "GUID"]);

/** fatih/camelcase Split: runs of lower case, upper case (last upper letter starts the next word), digits. */
function camelSplit(s: string): string[] {
  const kinds = [...s].map((c) => (/[a-z]/.test(c) ? 1 : /[A-Z]/.test(c) ? 2 : /[0-9]/.test(c) ? 3 : 4));
  const runs: string[][] = [];
  let last = 0;
  [...s].forEach((c, i) => {
    const k = kinds[i] ?? 4;
    if (k === last && runs.length > 0) runs[runs.length - 1]?.push(c);
    else runs.push([c]);
    last = k;
  });
  for (let i = 0; i < runs.length - 1; i++) {
    const cur = runs[i] ?? [];
    const next = runs[i + 1] ?? [];
    if (/[A-Z]/.test(cur[0] ?? "") && /[a-z]/.test(next[0] ?? "")) {
      next.unshift(cur.pop() as string);
    }
  }
  return runs.filter((r) => r.length > 0).map((r) => r.join(""));
}

/** smartLabelFor: `endpointSelector` → `Endpoint Selector`, `apiVersion` → `API Version`, `k8s:app` as is. */
export function smartLabel(field: string): string {
  if ([...field].some((c) => !/\p{L}/u.test(c) && c !== "-")) return field;
  return camelSplit(field)
    .filter((p) => p !== "_")
    .map((p) => (ACRONYMS.has(p.toUpperCase()) ? p.toUpperCase() : p.charAt(0).toUpperCase() + p.slice(1)))
    .join(" ");
}

/** printLabelsMultiline: `Labels:` + sorted `k=v`, continuation lines aligned under the first value. */
export function writeLabels(
  w: PrefixWriter,
  title: string,
  labels: Readonly<Record<string, string>> | undefined,
  indent = "",
): void {
  w.write(0, `${indent}${title}:\t`);
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) {
    w.line("<none>");
    return;
  }
  keys.forEach((k, i) => {
    if (i !== 0) w.write(0, `${indent}\t`);
    w.line(`${k}=${labels?.[k] ?? ""}`);
  });
}

const MAX_ANNOTATION = 140;

/** printAnnotationsMultiline: long or multi-line values go below their key, cut at 138 characters + `...`. */
export function writeAnnotations(w: PrefixWriter, annotations: Readonly<Record<string, string>> | undefined): void {
  w.write(0, "Annotations:\t");
  const keys = Object.keys(annotations ?? {}).sort();
  if (keys.length === 0) {
    w.line("<none>");
    return;
  }
  keys.forEach((k, i) => {
    if (i !== 0) w.write(0, "\t");
    const value = (annotations?.[k] ?? "").replace(/\n$/, "");
    if (value.length + k.length + 2 > MAX_ANNOTATION || value.includes("\n")) {
      w.line(`${k}:`);
      for (const s of value.split("\n")) {
        const cut = s.length > MAX_ANNOTATION - 2 ? s.slice(0, MAX_ANNOTATION - 2) + "..." : s;
        w.line(`\t  ${cut}`);
      }
    } else w.line(`${k}: ${value}`);
  });
}

function goValue(v: Json): string {
  if (v === null) return "<nil>";
  return String(v);
}

/** printUnstructuredContent: sorted keys, smart labels, list items without markers. */
export function writeUnstructured(
  w: PrefixWriter,
  level: number,
  content: { readonly [k: string]: Json },
  prefix: string,
  skip: ReadonlySet<string>,
): void {
  for (const field of Object.keys(content).sort()) {
    const value = content[field] as Json;
    const path = `${prefix}.${field}`;
    if (skip.has(path)) continue;
    if (Array.isArray(value)) {
      w.write(level, `${smartLabel(field)}:\n`);
      for (const child of value as readonly Json[]) {
        if (typeof child === "object" && child !== null && !Array.isArray(child)) {
          writeUnstructured(w, level + 1, child as { readonly [k: string]: Json }, path, skip);
        } else
          w.write(
            level + 1,
            `${Array.isArray(child) ? "[" + (child as Json[]).map(goValue).join(" ") + "]" : goValue(child)}\n`,
          );
      }
    } else if (typeof value === "object" && value !== null) {
      w.write(level, `${smartLabel(field)}:\n`);
      writeUnstructured(w, level + 1, value as { readonly [k: string]: Json }, path, skip);
    } else w.write(level, `${smartLabel(field)}:\t${goValue(value)}\n`);
  }
}

const GENERIC_SKIP = new Set([
  ".metadata.managedFields",
  ".metadata.name",
  ".metadata.namespace",
  ".metadata.labels",
  ".metadata.annotations",
]);

/** The generic describer (custom resources): Name, Namespace, Labels, Annotations, the object, Events. */
export function describeGeneric(obj: { readonly [k: string]: Json }, events: "none" | "omit"): string {
  const meta = (obj.metadata ?? {}) as {
    name?: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  const w = new PrefixWriter();
  w.write(0, `Name:\t${meta.name ?? ""}\n`);
  w.write(0, `Namespace:\t${meta.namespace ?? ""}\n`);
  writeLabels(w, "Labels", meta.labels);
  writeAnnotations(w, meta.annotations);
  writeUnstructured(w, 0, obj, "", GENERIC_SKIP);
  if (events === "none") w.write(0, "Events:\t<none>\n");
  return w.toString();
}
