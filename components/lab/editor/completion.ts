/**
 * Completion for manifests: kinds and apiVersions, the fields the schema allows where the cursor is
 * (the same schema `kubectl apply` checks), enum values (protocols, entities), label keys and values that
 * exist in the cluster under selectors, and snippets of the course's common policy shapes.
 */
import {
  snippetCompletion,
  type Completion,
  type CompletionContext,
  type CompletionResult,
} from "@codemirror/autocomplete";
import type { ClusterState } from "@/lib/cluster";
import { applicableKinds, clusterLabels, fieldsAt, valuesAt } from "@/lib/insight";
import { SNIPPETS } from "./snippets";
import { yamlContext } from "./yaml-context";

const SELECTOR_KEYS = new Set(["matchLabels"]);

function quoteIfNeeded(v: string): string {
  return /^(true|false|yes|no|on|off|null|~|[-+]?\d[\d.]*)$/i.test(v) || /[:#]/.test(v) ? JSON.stringify(v) : v;
}

/** The completion source over the current cluster snapshot (null while the lab starts). */
export function manifestCompletions(getState: () => ClusterState | null) {
  return (cx: CompletionContext): CompletionResult | null => {
    const text = cx.state.doc.toString();
    const c = yamlContext(text, cx.pos);
    if (!cx.explicit && c.word === "" && c.mode === "key" && !c.emptyDoc) return null;
    const options: Completion[] = [];
    const state = getState();
    if (c.mode === "value") {
      if (c.path.length === 0 && c.key === "kind")
        for (const k of applicableKinds()) options.push({ label: k.kind, type: "type", detail: k.apiVersion });
      else if (c.path.length === 0 && c.key === "apiVersion")
        for (const v of new Set(applicableKinds().map((k) => k.apiVersion)))
          options.push({ label: v, type: "constant" });
      else if (SELECTOR_KEYS.has(c.path[c.path.length - 1] ?? "") && state && c.key !== undefined) {
        for (const v of clusterLabels(state).get(c.key) ?? [])
          options.push({ label: quoteIfNeeded(v), type: "constant", detail: "in the cluster" });
      } else if (c.kind && c.key !== undefined)
        for (const v of valuesAt(c.kind, [...c.path, c.key])) options.push({ label: v, type: "enum" });
      return options.length > 0 ? { from: c.from, options, validFor: /^[\w./:*-]*$/ } : null;
    }
    if (c.emptyDoc || (c.path.length === 0 && c.column === 0)) {
      options.push(
        ...SNIPPETS.map((s) =>
          snippetCompletion(s.template, { label: s.label, detail: s.detail, type: "text", boost: -1 }),
        ),
      );
    }
    const last = c.path[c.path.length - 1] ?? "";
    if (SELECTOR_KEYS.has(last) && state) {
      for (const [k, vs] of clusterLabels(state))
        options.push({ label: k, type: "property", detail: vs.slice(0, 3).join(", "), apply: `${k}: ` });
    }
    // List items of entity lists take entity names.
    if (last === "[]" && c.kind) for (const v of valuesAt(c.kind, c.path)) options.push({ label: v, type: "enum" });
    const kind = c.kind ?? (c.path.length === 0 ? "CiliumNetworkPolicy" : undefined);
    if (kind) {
      for (const f of fieldsAt(kind, c.path)) {
        const scalar = f.type === "string" || f.type === "integer" || f.type === "boolean" || f.type === "intOrString";
        options.push({
          label: f.name,
          type: "property",
          detail: f.type === "array" ? "list" : f.type === "map" ? "map" : f.type,
          apply: scalar ? `${f.name}: ` : `${f.name}:`,
        });
      }
    }
    return options.length > 0 ? { from: c.from, options, validFor: /^[\w./:*-]*$/ } : null;
  };
}
