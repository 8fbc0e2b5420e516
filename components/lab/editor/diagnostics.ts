/**
 * The editor's diagnostics: exactly what `kubectl apply -f FILE` would report on the current cluster —
 * the API server's schema errors in kubectl's wording, Cilium's policy validation (VALID=False) and the
 * trap warnings — each placed on the line and column of the field it names. Runs apply's checks without
 * building the next snapshot; nothing is stored.
 */
import { validateApply, type ClusterState, type Diagnostic as ClusterDiagnostic } from "@/lib/cluster";
import { documents, findKey, lineOffset, locate, type DocInfo, type Range } from "./positions";

export interface EditorDiagnostic extends Range {
  readonly severity: "error" | "warning";
  readonly message: string;
  /** Which layer said it: the API server (kubectl), Cilium's validation, or a trap warning. */
  readonly source: "kubectl" | "cilium" | "trap";
}

function docFor(docs: readonly DocInfo[], d: ClusterDiagnostic): DocInfo | undefined {
  const o = d.object;
  if (!o) return docs[0];
  return (
    docs.find(
      (x) =>
        x.kind === o.kind &&
        x.name === o.name &&
        (o.namespace === undefined || x.namespace === undefined || x.namespace === o.namespace),
    ) ??
    docs.find((x) => x.kind === o.kind && x.name === o.name) ??
    docs[0]
  );
}

const CAUSE =
  /(?:^|\n\* |is invalid: )([A-Za-z][\w.[\]-]*): (Invalid value|Unsupported value|Required value|Forbidden|Duplicate value|Too many)/g;

/** Cilium messages without a field path, and the key they are about. */
const KEYWORDS: readonly (readonly [RegExp, string])[] = [
  [/L7 protocol DNS/, "dns"],
  [/ICMPs block/, "icmps"],
  [/ToServices/, "toServices"],
  [/NodeSelector/, "nodeSelector"],
  [/L7 rules are not allowed in deny/, "rules"],
  [/host policies do not support L7/, "http"],
  [/fromRequires|toRequires/, "fromRequires"],
];

/** Where a Cilium-layer message points: `ingress[0]: …`, toFQDNs, the endpointSelector, `ingress: []`. */
function ciliumRange(d: DocInfo, message: string): Range {
  const sec = /^(ingress|egress|ingressDeny|egressDeny)\[(\d+)\]/.exec(message);
  if (sec) return locate(d, `spec.${sec[1]}[${sec[2]}]`);
  if (message.startsWith("toFQDNs")) return findKey(d, "toFQDNs") ?? locate(d, "spec");
  if (/EndpointSelector|endpointSelector/.test(message)) return locate(d, "spec.endpointSelector");
  const empty = /^(\w+): \[\] is an empty list/.exec(message);
  if (empty) return locate(d, `spec.${empty[1]}`);
  for (const [re, key] of KEYWORDS)
    if (re.test(message)) {
      const r = findKey(d, key);
      if (r) return r;
    }
  const field = /\b(spec\.[\w.[\]]+)/.exec(message);
  if (field) return locate(d, field[1] as string);
  return locate(d, "spec");
}

export function manifestDiagnostics(state: ClusterState, text: string, source: string): EditorDiagnostic[] {
  if (text.trim() === "") return [];
  const out: EditorDiagnostic[] = [];
  // validate only: the next snapshot (world, identities, compiled policies) is never built for a keystroke
  const r = validateApply(state, text, { source });
  // positions need a second parse that keeps the syntax tree: only when there is something to place
  const placed = r.diagnostics.filter((d) => d.code !== "kubectl-warning" && d.code !== "no-objects");
  if (placed.length === 0) return [];
  const docs = documents(text);
  for (const d of placed) {
    if (d.code === "yaml-syntax" || d.code === "yaml-limit") {
      const err = docs.flatMap((x) => x.doc.errors)[0];
      if (err)
        out.push({
          from: err.pos[0],
          to: Math.max(err.pos[1], err.pos[0] + 1),
          severity: "error",
          message: d.message,
          source: "kubectl",
        });
      else {
        const line = Number(/yaml: line (\d+):/.exec(d.message)?.[1] ?? 1);
        const at = lineOffset(text, 0, line);
        out.push({
          from: at,
          to: Math.max(at + 1, text.indexOf("\n", at) < 0 ? text.length : text.indexOf("\n", at)),
          severity: "error",
          message: d.message,
          source: "kubectl",
        });
      }
      continue;
    }
    const doc = docFor(docs, d);
    if (!doc) continue;
    if (d.code === "strict-decoding") {
      const fields = [...d.message.matchAll(/unknown field "([^"]+)"/g)].map((m) => m[1] as string);
      for (const f of fields.length > 0 ? fields : [""])
        out.push({ ...(f ? locate(doc, f) : doc.head), severity: "error", message: d.message, source: "kubectl" });
      continue;
    }
    if (d.code === "invalid") {
      const causes = [...d.message.matchAll(CAUSE)];
      if (causes.length === 0) out.push({ ...doc.head, severity: "error", message: d.message, source: "kubectl" });
      for (const m of causes)
        out.push({
          ...locate(doc, m[1] as string, m[2] === "Required value" ? "key" : "value"),
          severity: "error",
          message: d.message,
          source: "kubectl",
        });
      continue;
    }
    if (d.code === "policy-invalid") {
      out.push({
        ...ciliumRange(doc, d.message),
        severity: "error",
        message: `Cilium rejects this policy (stored with VALID=False, it enforces nothing): ${d.message}`,
        source: "cilium",
      });
      continue;
    }
    if (d.code === "policy-warning") {
      out.push({ ...ciliumRange(doc, d.message), severity: "warning", message: d.message, source: "trap" });
      continue;
    }
    if (d.severity === "error") out.push({ ...doc.head, severity: "error", message: d.message, source: "kubectl" });
  }
  return out.sort((a, b) => a.from - b.from);
}
