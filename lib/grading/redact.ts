/**
 * What may leave the server: hidden checks keep their name, title, status and hint, and lose their details
 * (flows, reasons, violations), so a solution cannot be fitted to them. Applied before a result is stored
 * or sent; the output is a fresh object (no shared references to the full result).
 */
import type {
  CheckResult,
  GradeResult,
  HiddenWrongFlow,
  PublicGradeResult,
  RedactedCheckResult,
  VisibleCheckResult,
} from "./types";

function redactCheck(c: CheckResult): VisibleCheckResult | RedactedCheckResult {
  if (!c.hidden) return { ...c, hidden: false };
  return {
    name: c.name,
    title: c.title,
    hidden: true,
    weight: c.weight,
    status: c.status,
    passed: c.passed,
    needs: c.needs,
    ...(c.blockedBy ? { blockedBy: c.blockedBy } : {}),
    ...(c.hint !== undefined ? { hint: c.hint } : {}),
  };
}

/** The learner's view of a grade. */
export function redact(result: GradeResult): PublicGradeResult {
  return {
    challenge: result.challenge,
    passed: result.passed,
    score: result.score,
    checks: result.checks.map(redactCheck),
    errors: result.errors,
    warnings: result.warnings,
  };
}

/**
 * The flows hidden checks got wrong (what redact() removes, reduced to the verdicts): for instructors,
 * stored beside the attempt and never sent to the learner.
 */
export function hiddenWrongFlows(result: GradeResult): HiddenWrongFlow[] {
  const out: HiddenWrongFlow[] = [];
  for (const c of result.checks) {
    if (!c.hidden || c.passed) continue;
    for (const d of c.details)
      if (d.kind === "flow" && !d.passed)
        out.push({ check: c.name, flow: d.flow, expected: d.expected, actual: d.actual });
  }
  return out;
}
