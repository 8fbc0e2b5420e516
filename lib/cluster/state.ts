/** Making new snapshots: every mutation goes through withChanges(). */
import type { FlowEvent } from "./flowlog";
import type { JournalOp } from "./journal";
import { allocatePodIdentities, type World } from "@/lib/engine";
import { buildWorld } from "./store";
import type { ClusterState, Settings, Stored } from "./types";

export interface Changes {
  readonly objects?: ReadonlyMap<string, Stored>;
  readonly settings?: Settings;
  readonly resourceVersion?: number;
  readonly policyChanged?: boolean;
  readonly journal?: JournalOp;
  readonly flows?: readonly FlowEvent[];
  readonly fqdnCache?: ClusterState["fqdnCache"];
}

/**
 * The next snapshot. Its World is derived from what changed (see buildWorld) and compiled only when
 * something asks (store.ts `compiled`): a replay of a journal compiles once, not once per operation.
 */
export function withChanges(prev: ClusterState, ch: Changes): ClusterState {
  const objects = ch.objects ?? prev.objects;
  const settings = ch.settings ?? prev.settings;
  const rebuild = ch.objects !== undefined || ch.settings !== undefined;
  const world = rebuild
    ? buildWorld(objects, prev.scenario, settings, prev.identityAllocations, prev.world)
    : prev.world;
  let next: ClusterState = {
    ...prev,
    objects,
    settings,
    world,
    resourceVersion: ch.resourceVersion ?? prev.resourceVersion,
    policyRevision: prev.policyRevision + (ch.policyChanged ? 1 : 0),
    // stamped with the time it ran, so a replay (a reloaded lab) keeps creation times and ages
    journal: ch.journal ? [...prev.journal, { ...ch.journal, at: prev.deps.clock() }] : prev.journal,
    flows: ch.flows ?? prev.flows,
    fqdnCache: ch.fqdnCache ?? prev.fqdnCache,
  };
  if (rebuild) {
    // Keep identity numbers stable across snapshots, like Cilium's allocator does: the ids of this
    // snapshot's pod identities (what its compiled table would allocate) join the known ones.
    const alloc = podAllocations(world);
    let grew = false;
    for (const k of alloc.keys())
      if (!prev.identityAllocations.has(k)) {
        grew = true;
        break;
      }
    if (grew) {
      const merged = new Map(prev.identityAllocations);
      for (const [k, v] of alloc) if (!merged.has(k)) merged.set(k, v);
      next = { ...next, identityAllocations: merged };
    }
  }
  return next;
}

/**
 * allocatePodIdentities(world), skipped when the pods and namespaces are those of an earlier world whose
 * ids are all known already (an apply of a ConfigMap or a policy changes no identity).
 */
const allocated = new WeakMap<readonly object[], { namespaces: readonly object[]; ids: ReadonlyMap<string, number> }>();
function podAllocations(world: World): ReadonlyMap<string, number> {
  const seen = allocated.get(world.pods);
  if (seen && seen.namespaces === world.namespaces) {
    let known = true;
    for (const k of seen.ids.keys())
      if (!world.pinnedIdentities.has(k)) {
        known = false;
        break;
      }
    if (known) return seen.ids;
  }
  const ids = allocatePodIdentities(world);
  allocated.set(world.pods, { namespaces: world.namespaces, ids });
  return ids;
}
