/** evaluate() / evaluateAll(): the engine's verdicts over a cluster snapshot (never changes state). */
import { evaluateAllPairs, evaluateFlow, type FlowResult, type FlowSpec, type PairVerdict } from "@/lib/engine";
import { compiled } from "./store";
import type { ClusterState } from "./types";

/** A flow to evaluate: the engine's FlowSpec, under the name lib/cluster's API uses. */
export type Flow = FlowSpec;

/** The cluster-wide union of what the DNS proxies learned. */
export function fqdnUnion(state: ClusterState): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const per of state.fqdnCache.values()) {
    for (const [ip, names] of per) out.set(ip, [...new Set([...(out.get(ip) ?? []), ...names])].sort());
  }
  return out;
}

export function evaluate(state: ClusterState, flow: Flow): FlowResult {
  return evaluateFlow(compiled(state), flow, fqdnUnion(state));
}

export function evaluateAll(
  state: ClusterState,
  flow: Flow,
): { ok: true; pairs: PairVerdict[] } | { ok: false; error: string } {
  return evaluateAllPairs(compiled(state), flow, fqdnUnion(state));
}
