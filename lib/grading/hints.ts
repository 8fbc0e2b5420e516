/**
 * Hints that look at the state: a check's `hints` are tried in order and the first whose `when` holds is
 * shown ("the xwing can still reach the deathstar: which label tells them apart?"), else its plain `hint`.
 * Only failed checks get a hint.
 */
import type { ChallengeCheck, FlowMatcher } from "./challenge";
import { evaluateCheck } from "./evaluate";
import type { CheckContext, CheckOutcome, FlowDetail } from "./types";

function flowMatches(m: FlowMatcher, d: FlowDetail): boolean {
  return (
    !d.passed &&
    (m.from === undefined || m.from === d.flow.from) &&
    (m.to === undefined || m.to === d.flow.to) &&
    (m.port === undefined || m.port === d.flow.port) &&
    (m.method === undefined || m.method === d.flow.http?.method) &&
    (m.path === undefined || m.path === d.flow.http?.path) &&
    (m.expect === undefined || m.expect === d.expected) &&
    (m.actual === undefined || m.actual === d.actual)
  );
}

/** The hint for a failed check, or undefined (passed, or no hint authored). */
export function chooseHint(
  check: ChallengeCheck,
  outcome: CheckOutcome,
  ctx: CheckContext,
  hasProblems: boolean,
): string | undefined {
  if (outcome.passed) return undefined;
  for (const rule of check.hints) {
    const { flow, state, errors } = rule.when;
    if (errors !== undefined && errors !== hasProblems) continue;
    if (flow !== undefined && !outcome.details.some((d) => d.kind === "flow" && flowMatches(flow, d))) continue;
    if (state !== undefined && !evaluateCheck(ctx, state).passed) continue;
    return rule.text;
  }
  return check.hint;
}
