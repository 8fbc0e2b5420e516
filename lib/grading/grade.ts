/**
 * grade(challenge, submission, deps): rebuild the challenge's cluster, replay what the learner did (or apply
 * a manifests file), report problems with what they applied as such, then evaluate every check in `needs`
 * order. The submission is data; nothing the client says about its own result is read.
 */
import {
  apply,
  createCluster,
  policyStatus,
  runOp,
  type ClusterState,
  type Deps,
  type Diagnostic,
  type Journal,
  type Scenario,
} from "@/lib/cluster";
import { orderByNeeds, type ChallengeCheck } from "./challenge";
import { evaluateCheck } from "./evaluate";
import { chooseHint } from "./hints";
import type { CheckContext, CheckResult, GradeResult, SubmissionProblem } from "./types";

/** A gradable challenge: its slug, the parsed scenario and the parsed checks.yaml. */
export interface Challenge {
  readonly slug: string;
  readonly scenario: Scenario;
  readonly checks: readonly ChallengeCheck[];
}

/**
 * What the learner submits: the lab's journal (what the terminal did: applies, deletes, labels, settings)
 * plus the commands they ran (for the record only: challenges grade state), or a manifests file.
 */
export type Submission =
  | { readonly kind: "journal"; readonly journal: Journal; readonly commands: readonly string[] }
  | { readonly kind: "manifests"; readonly text: string; readonly source?: string };

export interface GradeDeps extends Deps {
  /** The scenario's starting cluster, when the caller caches it (it is immutable); built from the scenario otherwise. */
  readonly start?: ClusterState;
}

const refText = (d: Diagnostic): string | undefined =>
  d.object ? `${d.object.kind} ${d.object.namespace ? `${d.object.namespace}/` : ""}${d.object.name}` : undefined;

function rejected(d: Diagnostic, op?: number): SubmissionProblem {
  const object = refText(d);
  return { kind: "rejected", ...(object ? { object } : {}), ...(op !== undefined ? { op } : {}), message: d.message };
}

/**
 * Replays the submission over the starting state; returns the learner's cluster and what was rejected. Connections (curl, nslookup) are skipped: they change only
 * the flow log and the DNS proxy's cache, and a grade must not depend on what the learner happened to curl
 * (checks that need a name resolved say so with `dns:` on the flow).
 */
export function applySubmission(
  start: ClusterState,
  submission: Submission,
): { state: ClusterState; rejected: SubmissionProblem[] } {
  if (submission.kind === "manifests") {
    const r = apply(start, submission.text, { source: submission.source ?? "manifests.yaml" });
    // An empty file is "nothing applied yet" (the starting state), not a learner error.
    const errors = r.diagnostics.filter((d) => d.severity === "error" && d.code !== "no-objects");
    return { state: r.state, rejected: errors.map((d) => rejected(d)) };
  }
  let state = start;
  const problems: SubmissionProblem[] = [];
  submission.journal.forEach((op, index) => {
    if (op.op === "connect") return;
    const r = runOp(state, op);
    state = r.state;
    for (const d of r.diagnostics) if (d.severity === "error") problems.push(rejected(d, index));
  });
  return { state, rejected: problems };
}

function policyProblems(state: ClusterState): { errors: SubmissionProblem[]; warnings: SubmissionProblem[] } {
  const errors: SubmissionProblem[] = [];
  const warnings: SubmissionProblem[] = [];
  for (const p of policyStatus(state)) {
    const object = `${p.kind} ${p.namespace ? `${p.namespace}/` : ""}${p.name}`;
    if (!p.valid) errors.push({ kind: "invalid", object, message: p.message });
    for (const w of p.warnings) warnings.push({ kind: "warning", object, message: w });
  }
  return { errors, warnings };
}

/** The share of check weight that passed, rounded down: 100 only when every check passed. */
export function scoreOf(checks: readonly Pick<CheckResult, "weight" | "passed">[]): number {
  const total = checks.reduce((n, c) => n + c.weight, 0);
  const got = checks.reduce((n, c) => n + (c.passed ? c.weight : 0), 0);
  return total === 0 ? 0 : Math.floor((100 * got) / total);
}

/**
 * The hint of a failed hidden check before the learner changed anything: authored hints answer a wrong
 * attempt ("write the rules for the Empire, not for one ship"), which an untouched cluster is not.
 */
export const UNTOUCHED_HIDDEN_HINT =
  "Nothing is applied yet. This hidden check tests the same goal on traffic you are not shown: start with the visible checks.";

/** Did the submission change anything (a connection alone changes nothing that is graded)? */
export function isUntouched(submission: Submission): boolean {
  return submission.kind === "journal"
    ? submission.journal.every((op) => op.op === "connect")
    : submission.text.trim() === "";
}

/** Evaluates the checks in `needs` order; a check whose needs did not all pass is "blocked". */
export function runChecks(
  checks: readonly ChallengeCheck[],
  ctx: CheckContext,
  hasProblems: boolean,
  untouched = false,
): CheckResult[] {
  const done = new Map<string, CheckResult>();
  for (const c of orderByNeeds(checks)) {
    const base = { name: c.name, title: c.title, hidden: c.hidden, weight: c.weight, needs: c.needs };
    const blockedBy = c.needs.filter((n) => done.get(n)?.passed !== true);
    if (blockedBy.length > 0) {
      done.set(c.name, { ...base, status: "blocked", passed: false, blockedBy, details: [] });
      continue;
    }
    const outcome = evaluateCheck(ctx, c.check);
    const hint =
      !outcome.passed && c.hidden && untouched ? UNTOUCHED_HIDDEN_HINT : chooseHint(c, outcome, ctx, hasProblems);
    done.set(c.name, {
      ...base,
      status: outcome.passed ? "passed" : "failed",
      passed: outcome.passed,
      details: outcome.details,
      ...(hint !== undefined ? { hint } : {}),
    });
  }
  return checks.map((c) => done.get(c.name) as CheckResult);
}

/** Grades a submission. Deterministic for the same challenge, submission and deps. */
export function grade(challenge: Challenge, submission: Submission, deps: GradeDeps): GradeResult {
  const fresh: Deps = { clock: deps.clock, random: deps.random };
  // A cached starting snapshot is shared between grades; give this grade its own clock and PRNG, so uids
  // and generated names don't depend on what was graded before (the compiled policy cache stays valid:
  // it is keyed by the snapshot's world, which is shared).
  const start = deps.start ? { ...deps.start, deps: fresh } : createCluster(challenge.scenario, fresh);
  const { state, rejected: rejectedProblems } = applySubmission(start, submission);
  const { errors: invalid, warnings } = policyProblems(state);
  const errors = [...rejectedProblems, ...invalid];
  const ctx: CheckContext = { cluster: state, history: submission.kind === "journal" ? submission.commands : [] };
  const checks = runChecks(challenge.checks, ctx, errors.length > 0, isUntouched(submission));
  return {
    challenge: challenge.slug,
    passed: checks.every((c) => c.passed),
    score: scoreOf(checks),
    checks,
    errors,
    warnings,
  };
}
