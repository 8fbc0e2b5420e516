/**
 * lib/cluster — the simulated cluster. See API.md.
 *
 * Reads and a scenario's first snapshot are linked here; the operations (apply, delete, label, settings,
 * restart, connect, replay, evaluate) and the policy compiler are reached through deferred bindings
 * (`#cluster-ops`, `#policy-compiler`: lib/base/deferred.ts), so the browser fetches them on first use.
 */
import { clusterOps, type ClusterOps } from "#cluster-ops";
import { firstSnapshot } from "./scenario/build";
import type { Scenario } from "./scenario/types";
import type { TargetRequest } from "./mutate/targets";
import type { ClusterState, Deps, MutationResult } from "./types";

export * from "./types";
export type { Scenario, AppSpec, HttpRoute } from "./scenario/types";
export { parseScenario } from "./scenario/parse";
export { scenarioFromCase } from "./scenario/from-case";
export type { Flow } from "./evaluate";
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
export type { LabelRequest } from "./mutate/label";
export type { RestartRequest } from "./mutate/rollout";
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

/** A scenario's first snapshot, then its starting `manifests` (applied as `kubectl apply -f` would). */
export function createCluster(scenario: Scenario, deps: Deps): ClusterState {
  const state = firstSnapshot(scenario, deps);
  return scenario.manifests.trim() === "" ? state : clusterOps().withManifests(state);
}

/** Evaluate one flow on a snapshot (a verdict and its explanation; no flow log entry). */
export const evaluate: ClusterOps["evaluate"] = (state, flow) => clusterOps().evaluate(state, flow);
/** Evaluate a flow spec for every pair it names. */
export const evaluateAll: ClusterOps["evaluateAll"] = (state, flow) => clusterOps().evaluateAll(state, flow);
/** kubectl label / annotate. */
export const label: ClusterOps["label"] = (state, req) => clusterOps().label(state, req);
/** Cilium's settings (`cilium config set`, helm upgrade). */
export const setSettings: ClusterOps["setSettings"] = (state, settings) => clusterOps().setSettings(state, settings);
/** kubectl rollout restart. */
export const rolloutRestart: ClusterOps["rolloutRestart"] = (state, req) => clusterOps().rolloutRestart(state, req);
/** A connection from a client (curl, nc, ping...): the verdict, the response and the flow log's new events. */
export const connect: ClusterOps["connect"] = (state, req) => clusterOps().connect(state, req);
/** Rebuild a state from a scenario and a journal (saved labs, server-side grading). */
export const replay: ClusterOps["replay"] = (scenario, journal, deps) => clusterOps().replay(scenario, journal, deps);
/** Run one journal operation. */
export const runOp: ClusterOps["runOp"] = (state, op) => clusterOps().runOp(state, op);

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
  return clusterOps().applyText(state, text, opts.source, "apply", opts.namespace);
}

/**
 * What `kubectl apply -f` would say about `text` — the outcomes and every diagnostic (schema, Cilium's
 * validation, the traps) — without building the next snapshot: the editor's check on every keystroke.
 * The returned state is `state` itself.
 */
export function validateApply(state: ClusterState, text: string, opts: TextOptions): MutationResult {
  return clusterOps().applyText(state, text, opts.source, "apply", opts.namespace, true);
}

/** kubectl create -f. */
export function create(state: ClusterState, text: string, opts: TextOptions): MutationResult {
  return clusterOps().applyText(state, text, opts.source, "create", opts.namespace);
}

/** kubectl delete TYPE NAME... / -l / --all. */
export function deleteObjects(state: ClusterState, req: DeleteRequest): MutationResult {
  return clusterOps().deleteObjects(state, req);
}

/** kubectl delete -f. */
export function deleteFromText(state: ClusterState, text: string, opts: TextOptions): MutationResult {
  return clusterOps().deleteFromText(state, text, opts.source, opts.namespace);
}

/** The compiled engine view of a snapshot (cached per snapshot): for lib/insight. */
export { compiled as compiledState } from "./store";
