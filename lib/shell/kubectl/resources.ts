/**
 * The API resources the lab's API server serves, from lib/cluster's discovery table, plus the name helpers
 * kubectl's printers need (CLI-FORMATS.md §3.2).
 */
import { RESOURCE_TYPES, resolveResourceType, resourcesInCategory, type ResourceType } from "@/lib/cluster";

export type { ResourceType };

/** `kubectl api-resources` order: core, then built-in groups, then the CRD groups (discovery order). */
const GROUP_ORDER = ["", "apps", "networking.k8s.io", "cilium.io"];
export const RESOURCES: readonly ResourceType[] = [...RESOURCE_TYPES].sort(
  (a, b) => GROUP_ORDER.indexOf(a.group) - GROUP_ORDER.indexOf(b.group) || (a.plural < b.plural ? -1 : a.plural > b.plural ? 1 : 0),
);

/** `plural[.group]` as used in NotFound messages: `pods`, `ciliumnetworkpolicies.cilium.io`. */
export function qualifiedPlural(t: ResourceType): string {
  return t.group ? `${t.plural}.${t.group}` : t.plural;
}

/** `kind[.group]` lower-cased, as the name printer writes it: `pod`, `ciliumnetworkpolicy.cilium.io`. */
export function qualifiedKind(t: ResourceType): string {
  return t.group ? `${t.kind.toLowerCase()}.${t.group}` : t.kind.toLowerCase();
}

/** `apiVersion` of objects of this type. */
export function apiVersion(t: ResourceType): string {
  return t.apiVersion;
}

/** The type with this plural name (for internal lookups: "pods", "nodes"…). */
export function byPlural(plural: string): ResourceType {
  const t = RESOURCE_TYPES.find((r) => r.plural === plural);
  if (!t) throw new Error(`no resource type ${plural}`);
  return t;
}

/** What a user typed (`po`, `cnp`, `pods.v1.`…) → types; a category (`cilium`, `all`) → several. */
export function resolveType(word: string): readonly ResourceType[] | undefined {
  const t = resolveResourceType(word);
  if (t) return [t];
  const cat = resourcesInCategory(word.toLowerCase());
  return cat.length > 0 ? cat : undefined;
}

/** The type of an object by apiVersion and kind. */
export function typeForKind(apiVersionValue: string, kind: string): ResourceType | undefined {
  return RESOURCE_TYPES.find((t) => t.kind === kind && t.apiVersion === apiVersionValue);
}
