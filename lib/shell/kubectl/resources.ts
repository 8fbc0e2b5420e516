/**
 * The API resources the lab's API server serves, from lib/cluster's discovery table, plus the name helpers
 * kubectl's printers need (CLI-FORMATS.md §3.2).
 */
import {
  RESOURCE_TYPES,
  qualifiedPlural,
  resolveResourceType,
  resourcesInCategory,
  servedResourceTypes,
  shadowedByShortName,
  type ResourceType,
} from "@/lib/cluster";

export { servedResourceTypes };

export type { ResourceType };

/** `kubectl api-resources` order: core, then built-in groups, then the CRD groups (discovery order). */
const GROUP_ORDER = ["", "apps", "networking.k8s.io", "cilium.io", "policy.networking.k8s.io"];
export const RESOURCES: readonly ResourceType[] = [...RESOURCE_TYPES].sort(
  (a, b) =>
    GROUP_ORDER.indexOf(a.group) - GROUP_ORDER.indexOf(b.group) ||
    (a.plural < b.plural ? -1 : a.plural > b.plural ? 1 : 0),
);

/** `plural[.group]` for NotFound messages; `kind[.group]` lower-cased for the name printer. */
export { qualifiedPlural };
export { qualifiedSingular as qualifiedKind } from "@/lib/cluster";

/** The type with this plural name (for internal lookups: "pods", "nodes"…). */
export function byPlural(plural: string): ResourceType {
  const t = RESOURCE_TYPES.find((r) => r.plural === plural);
  if (!t) throw new Error(`no resource type ${plural}`);
  return t;
}

/** What a user typed (`po`, `cnp`, `pods.v1.`…) → types; a category (`cilium`, `all`) → several. */
export function resolveType(
  word: string,
  served: readonly ResourceType[],
  warn?: (text: string) => void,
): readonly ResourceType[] | undefined {
  const t = resolveResourceType(word, served);
  if (t && warn)
    for (const s of shadowedByShortName(word, served))
      warn(`Warning: short name "${word}" could also match lower priority resource ${qualifiedPlural(s)}\n`);
  if (t) return [t];
  const cat = resourcesInCategory(word.toLowerCase(), served);
  return cat.length > 0 ? cat : undefined;
}
