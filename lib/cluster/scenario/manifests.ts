/** A scenario's starting manifests, applied on its first snapshot (createCluster). */
import { applyText } from "../mutate/apply";
import type { ClusterState } from "../types";

export const hasManifests = (state: ClusterState): boolean => state.scenario.manifests.trim() !== "";

/** `state` (a scenario's first snapshot) with the scenario's `manifests` applied, if it has any; the journal stays empty. */
export function withManifests(state: ClusterState): ClusterState {
  if (!hasManifests(state)) return state;
  const r = applyText(state, state.scenario.manifests, `${state.scenario.name}.yaml`, "apply");
  return { ...r.state, journal: [] };
}
