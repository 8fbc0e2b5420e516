/** getObject / listObjects: stored and derived objects, namespace scoping and `-l` selectors. */
import { cmpStr, indexLabels, k8sLabels, parseSelectorString, selectorMatches } from "@/lib/engine";
import { ciliumEndpointObjects, ciliumIdentityObjects, ciliumNodeObjects, endpointsObjects } from "./objects/derived";
import { configMapObjects, eventObjects } from "./objects/config-events";
import { qualifiedPlural, resolveResourceType, servedResourceTypes, type ResourceType } from "./resources";
import type { ClusterState, Diagnostic, KubeObject, Settings } from "./types";
import { unknownType } from "./mutate/targets";

export type ReadResult<T> = { ok: true; value: T } | { ok: false; diagnostic: Diagnostic };

function all(state: ClusterState, r: ResourceType): KubeObject[] {
  let list: KubeObject[];
  switch (r.plural) {
    case "endpoints":
      list = endpointsObjects(state);
      break;
    case "configmaps":
      list = configMapObjects(state);
      break;
    case "events":
      list = eventObjects(state);
      break;
    case "ciliumendpoints":
      list = ciliumEndpointObjects(state);
      break;
    case "ciliumidentities":
      list = ciliumIdentityObjects(state);
      break;
    case "ciliumnodes":
      list = ciliumNodeObjects(state);
      break;
    default:
      list = [...state.objects.values()].filter((s) => s.resource === r.plural).map((s) => s.object);
  }
  return list.sort(
    (a, b) =>
      cmpStr(a.metadata.namespace ?? "", b.metadata.namespace ?? "") || cmpStr(a.metadata.name, b.metadata.name),
  );
}

export function parseLabelSelector(
  text: string,
): { ok: true; matches: (labels: Readonly<Record<string, string>>) => boolean } | { ok: false; error: string } {
  const s = parseSelectorString(text);
  if (!s.ok) return { ok: false, error: s.error };
  return { ok: true, matches: (labels) => selectorMatches(s.selector, indexLabels(k8sLabels(labels))) };
}

export function listObjects(
  state: ClusterState,
  type: string,
  opts: { namespace?: string; allNamespaces?: boolean; selector?: string } = {},
): ReadResult<KubeObject[]> {
  const r = resolveResourceType(type, servedResourceTypes(state.settings));
  if (!r) return { ok: false, diagnostic: unknownType(type) };
  let match: (l: Readonly<Record<string, string>>) => boolean = () => true;
  if (opts.selector !== undefined) {
    const s = parseLabelSelector(opts.selector);
    if (!s.ok) return { ok: false, diagnostic: { severity: "error", code: "bad-request", message: s.error } };
    match = s.matches;
  }
  const ns = opts.namespace ?? "default";
  const value = all(state, r).filter(
    (o) =>
      (!r.namespaced || opts.allNamespaces || (o.metadata.namespace ?? "default") === ns) &&
      match(o.metadata.labels ?? {}),
  );
  return { ok: true, value };
}

export function getObject(state: ClusterState, type: string, name: string, namespace?: string): ReadResult<KubeObject> {
  const r = resolveResourceType(type, servedResourceTypes(state.settings));
  if (!r) return { ok: false, diagnostic: unknownType(type) };
  const ns = namespace ?? "default";
  const o = all(state, r).find(
    (x) => x.metadata.name === name && (!r.namespaced || (x.metadata.namespace ?? "default") === ns),
  );
  if (!o) {
    return {
      ok: false,
      diagnostic: {
        severity: "error",
        code: "not-found",
        message: `Error from server (NotFound): ${qualifiedPlural(r)} ${JSON.stringify(name)} not found`,
        object: { resource: r.plural, group: r.group, kind: r.kind, name, namespace: r.namespaced ? ns : undefined },
      },
    };
  }
  return { ok: true, value: o };
}

export function getSettings(state: ClusterState): Settings {
  return state.settings;
}
