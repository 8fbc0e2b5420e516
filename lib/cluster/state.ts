/** Making new snapshots: every mutation goes through withChanges(). */
import type { FlowEvent } from "./flowlog";
import type { JournalOp } from "./journal";
import { allocatePodIdentities, podIdentityKey, type World } from "@/lib/engine";
import { buildWorld, newPodsSince } from "./store";
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
  if (rebuild && !knowsEveryPod(prev, world)) {
    // Keep identity numbers stable across snapshots, like Cilium's allocator does: the ids of this
    // snapshot's pod identities (what its compiled table would allocate) join the known ones.
    const alloc = allocatePodIdentities(world);
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
  if (rebuild) complete.add(world);
  return next;
}

/**
 * Worlds whose every pod identity is in the identity ids of the snapshot that holds them (every World
 * withChanges made; not a scenario's first one, whose ids are only the pinned ones).
 */
const complete = new WeakSet<World>();

/**
 * True when `world`'s pod identities are all known to `prev` already, so that allocating them cannot add
 * an id: `prev`'s World was complete, the namespaces are the same, and every pod that is new in `world`
 * (from buildWorld) has a known label set. An apply of a policy, or of a pod like others, costs nothing here.
 */
function knowsEveryPod(prev: ClusterState, world: World): boolean {
  const pods = newPodsSince(world, prev.world);
  if (!pods || !complete.has(prev.world) || world.namespaces !== prev.world.namespaces) return false;
  if (pods.length === 0) return true;
  const namespaces = new Map(world.namespaces.map((n) => [n.name, n]));
  return pods.every(
    (p) =>
      p.hostNetwork || prev.identityAllocations.has(podIdentityKey(p, namespaces.get(p.namespace), world.clusterName)),
  );
}
