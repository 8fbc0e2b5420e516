/** lib/cluster — the simulated cluster. See API.md. */
import { applyText } from "./mutate/apply";
import { deleteFromText as deleteText, deleteObjects as deleteTargets } from "./mutate/delete";
import type { TargetRequest } from "./mutate/targets";
import type { ClusterState, MutationResult } from "./types";

export * from "./types";
export type { Scenario, AppSpec, HttpRoute } from "./scenario/types";
export { parseScenario } from "./scenario/parse";
export { createCluster } from "./scenario/build";
export { scenarioFromCase } from "./scenario/from-case";
export { evaluate, evaluateAll, type Flow } from "./evaluate";
export {
  RESOURCE_TYPES,
  resolveResourceType,
  servedResourceTypes,
  OPTIONAL_CRDS,
  shadowedByShortName,
  resourcesInCategory,
  qualifiedPlural,
  qualifiedSingular,
  type ResourceType,
} from "./resources";
export { getObject, listObjects, getSettings, parseLabelSelector, type ReadResult } from "./read";
export { label, type LabelRequest } from "./mutate/label";
export { setSettings } from "./mutate/settings";
export { rolloutRestart, type RestartRequest } from "./mutate/rollout";
export { connect } from "./connect";
export { replay, runOp } from "./replay";
export { parseJournal, journalOpSchema, type JournalOp, type Journal } from "./journal";
export {
  FLOW_LOG_CAPACITY,
  type FlowEvent,
  type FlowEndpointRecord,
  type FlowEventKind,
  type FlowVerdict,
  type L7Record,
} from "./flowlog";
export type { ConnectRequest, ConnectResult, ConnectOutcome, ClientRef, HttpResponse } from "./connect-types";
export {
  ciliumEndpoints,
  ciliumIdentities,
  policyRepository,
  policyStatus,
  ciliumConfig,
  egressGatewayEntries,
  type EndpointInfo,
} from "./cilium-views";
export type { EgressMapEntry } from "@/lib/engine";
export type { MatchRef, DirectionResult, EndpointSummary, VerdictKind, MatchType } from "@/lib/engine";

export type DeleteRequest = TargetRequest;

/**
 * Options of the text mutations. `namespace` is kubectl's explicit `-n`: documents without
 * metadata.namespace go there, a document naming another namespace fails like kubectl (cluster-scoped
 * kinds ignore it). Without it, documents default to `default`.
 */
export interface TextOptions {
  readonly source: string;
  readonly namespace?: string;
}

/** kubectl apply -f (multi-document YAML). */
export function apply(state: ClusterState, text: string, opts: TextOptions): MutationResult {
  return applyText(state, text, opts.source, "apply", opts.namespace);
}

/**
 * What `kubectl apply -f` would say about `text` — the outcomes and every diagnostic (schema, Cilium's
 * validation, the traps) — without building the next snapshot: the editor's check on every keystroke.
 * The returned state is `state` itself.
 */
export function validateApply(state: ClusterState, text: string, opts: TextOptions): MutationResult {
  return applyText(state, text, opts.source, "apply", opts.namespace, true);
}

/** kubectl create -f. */
export function create(state: ClusterState, text: string, opts: TextOptions): MutationResult {
  return applyText(state, text, opts.source, "create", opts.namespace);
}

/** kubectl delete TYPE NAME... / -l / --all. */
export function deleteObjects(state: ClusterState, req: DeleteRequest): MutationResult {
  return deleteTargets(state, req);
}

/** kubectl delete -f. */
export function deleteFromText(state: ClusterState, text: string, opts: TextOptions): MutationResult {
  return deleteText(state, text, opts.source, opts.namespace);
}

/** The compiled engine view of a snapshot (cached per snapshot): for lib/insight. */
export { compiled as compiledState } from "./store";
