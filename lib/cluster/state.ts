/** Making new snapshots: every mutation goes through withChanges(). */
import type { FlowEvent } from "./flowlog";
import type { JournalOp } from "./journal";
import { buildWorld, compiled } from "./store";
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

export function withChanges(prev: ClusterState, ch: Changes): ClusterState {
  const objects = ch.objects ?? prev.objects;
  const settings = ch.settings ?? prev.settings;
  const rebuild = ch.objects !== undefined || ch.settings !== undefined;
  const world = rebuild ? buildWorld(objects, prev.scenario, settings, prev.identityAllocations) : prev.world;
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
    // Keep identity numbers stable across snapshots, like Cilium's allocator does.
    const alloc = compiled(next).identities.allocations;
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
