/** kubectl label: `k=v` (needs --overwrite to change a value), `k-` removes; outcomes as kubectl words them. */
import { qualifiedSingular } from "../resources";
import { draftObjects, isPolicyResource, objKey } from "../store";
import { withChanges } from "../state";
import type { ClusterState, Diagnostic, MutationResult, Outcome } from "../types";
import { findTargets, type TargetRequest } from "./targets";

export interface LabelRequest extends TargetRequest {
  readonly labels: readonly string[];
  readonly overwrite: boolean;
}

const KEY =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function parseSpecs(specs: readonly string[]): { add: Map<string, string>; remove: string[] } | { error: string } {
  const add = new Map<string, string>();
  const remove: string[] = [];
  for (const s of specs) {
    if (s.endsWith("-") && !s.includes("=")) {
      remove.push(s.slice(0, -1));
      continue;
    }
    const i = s.indexOf("=");
    if (i <= 0) return { error: `error: invalid label spec: ${s}` };
    const k = s.slice(0, i);
    const v = s.slice(i + 1);
    if (!KEY.test(k)) return { error: `error: invalid label spec: ${s}` };
    if (!VALUE.test(v) || v.length > 63)
      return {
        error: `error: invalid label value: "${s}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
      };
    add.set(k, v);
  }
  return { add, remove };
}

export function label(state: ClusterState, req: LabelRequest): MutationResult {
  const specs = parseSpecs(req.labels);
  if ("error" in specs)
    return {
      state,
      ok: false,
      outcomes: [],
      diagnostics: [{ severity: "error", code: "label-invalid", message: specs.error }],
    };
  const t = findTargets(state, req);
  if (!t.ok) return { state, ok: false, outcomes: [], diagnostics: [t.diagnostic] };
  if (t.r.derived)
    return {
      state,
      ok: false,
      outcomes: [],
      diagnostics: [
        {
          severity: "error",
          code: "unsupported",
          message: `error: ${t.r.plural} are derived by Cilium in this lab; label the pods or namespaces instead`,
        },
      ],
    };
  const objects = draftObjects(state.objects);
  let rv = state.resourceVersion;
  const outcomes: Outcome[] = [];
  const diagnostics: Diagnostic[] = [...t.errors];
  let changedAny = false;
  for (const st of t.found) {
    const o = st.object;
    const labels: Record<string, string> = { ...(o.metadata.labels ?? {}) };
    const conflicts = [...specs.add].filter(([k, v]) => k in labels && labels[k] !== v && !req.overwrite);
    if (conflicts.length > 0) {
      for (const [k] of conflicts)
        diagnostics.push({
          severity: "error",
          code: "label-conflict",
          message: `error: '${k}' already has a value (${labels[k]}), and --overwrite is false`,
        });
      continue;
    }
    let added = false;
    let removed = false;
    for (const [k, v] of specs.add)
      if (labels[k] !== v) {
        labels[k] = v;
        added = true;
      }
    for (const k of specs.remove) {
      if (k in labels) {
        delete labels[k];
        removed = true;
      } else
        diagnostics.push({ severity: "warning", code: "not-found", message: `label ${JSON.stringify(k)} not found.` });
    }
    const op: Outcome["operation"] =
      added && removed ? "modified" : added ? "labeled" : removed ? "unlabeled" : "not labeled";
    if (added || removed) {
      changedAny = true;
      objects.set(objKey(st.resource, o.metadata.namespace, o.metadata.name), {
        resource: st.resource,
        object: { ...o, metadata: { ...o.metadata, labels, resourceVersion: String(++rv) } },
      });
    }
    outcomes.push({
      ref: {
        resource: t.r.plural,
        group: t.r.group,
        kind: t.r.kind,
        name: o.metadata.name,
        namespace: o.metadata.namespace,
      },
      operation: op,
      line: `${qualifiedSingular(t.r)}/${o.metadata.name} ${op}`,
    });
  }
  const next = changedAny
    ? withChanges(state, {
        objects,
        resourceVersion: rv,
        policyChanged: isPolicyResource(t.r.plural),
        journal: { op: "label", ...req, names: [...req.names], labels: [...req.labels] },
      })
    : state;
  return { state: next, ok: !diagnostics.some((d) => d.severity === "error"), outcomes, diagnostics };
}
