/** Shared lookup of `TYPE NAME...` / `-l` / `--all` targets for delete and label. */
import { cmpStr, parseSelectorString, selectorMatches, indexLabels, k8sLabels } from "@/lib/engine";
import { qualifiedPlural, resolveResourceType, servedResourceTypes, type ResourceType } from "../resources";
import { objKey } from "../store";
import type { ClusterState, Diagnostic, Stored } from "../types";

export interface TargetRequest {
  readonly type: string;
  readonly names: readonly string[];
  readonly namespace?: string;
  readonly allNamespaces?: boolean;
  readonly selector?: string;
  readonly all?: boolean;
}

export type Targets =
  { ok: true; r: ResourceType; found: Stored[]; errors: Diagnostic[] } | { ok: false; diagnostic: Diagnostic };

export function unknownType(type: string): Diagnostic {
  return {
    severity: "error",
    code: "unknown-kind",
    message: `error: the server doesn't have a resource type ${JSON.stringify(type)}`,
  };
}

export function findTargets(state: ClusterState, req: TargetRequest): Targets {
  const r = resolveResourceType(req.type, servedResourceTypes(state.settings));
  if (!r) return { ok: false, diagnostic: unknownType(req.type) };
  const ns = r.namespaced ? (req.namespace ?? "default") : undefined;
  if (req.names.length > 0) {
    const found: Stored[] = [];
    const errors: Diagnostic[] = [];
    for (const name of req.names) {
      const st = state.objects.get(objKey(r.plural, ns, name));
      if (st) found.push(st);
      else
        errors.push({
          severity: "error",
          code: "not-found",
          message: `Error from server (NotFound): ${qualifiedPlural(r)} ${JSON.stringify(name)} not found`,
          object: { resource: r.plural, group: r.group, kind: r.kind, name, namespace: ns },
        });
    }
    return { ok: true, r, found, errors };
  }
  let match: (labels: Record<string, string>) => boolean = () => req.all === true;
  if (req.selector !== undefined) {
    const sel = parseSelectorString(req.selector);
    if (!sel.ok)
      return { ok: false, diagnostic: { severity: "error", code: "bad-request", message: `error: ${sel.error}` } };
    match = (labels) => selectorMatches(sel.selector, indexLabels(k8sLabels(labels)));
  }
  if (req.selector === undefined && !req.all) {
    return {
      ok: false,
      diagnostic: {
        severity: "error",
        code: "bad-request",
        message: "error: resource(s) were provided, but no name was specified",
      },
    };
  }
  const found = [...state.objects.values()]
    .filter(
      (s) =>
        s.resource === r.plural &&
        (!r.namespaced || req.allNamespaces || s.object.metadata.namespace === ns) &&
        match(s.object.metadata.labels ?? {}),
    )
    .sort(
      (a, b) =>
        cmpStr(a.object.metadata.namespace ?? "", b.object.metadata.namespace ?? "") ||
        cmpStr(a.object.metadata.name, b.object.metadata.name),
    );
  return { ok: true, r, found, errors: [] };
}
