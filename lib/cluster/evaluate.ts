/** evaluate() / evaluateAll(): the engine's verdicts over a cluster snapshot (never changes state). */
import { evaluateAllPairs, evaluateFlow, type FlowResult, type FlowSpec, type PairVerdict } from "@/lib/engine";
import { compiled } from "./store";
import type { ClusterState } from "./types";

/** A flow to evaluate: the engine's FlowSpec, under the name lib/cluster's API uses. */
export type Flow = FlowSpec;

export function evaluate(state: ClusterState, flow: Flow): FlowResult {
  return evaluateFlow(compiled(state), flow, state.fqdnCache);
}

export function evaluateAll(
  state: ClusterState,
  flow: Flow,
): { ok: true; pairs: PairVerdict[] } | { ok: false; error: string } {
  return evaluateAllPairs(compiled(state), flow, state.fqdnCache);
}
