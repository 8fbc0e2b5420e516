/**
 * The check evaluator shared by lesson objectives (live ticks in the browser, recomputation on the server
 * when a lab is saved) and challenge checks. Pure: a check and a snapshot in, an outcome with details out.
 */
import { createCluster, type Scenario } from "@/lib/cluster";
import { reproducibleDeps } from "@/lib/base/reproducible";
import { evaluateConstraint } from "./constraints";
import { evaluateExpectedFlow } from "./flows";
import { compileRe2 } from "./regex";
import { evaluateResource, evaluateSetting } from "./resources";
import type { Check, Objective } from "./schema";
import type { CheckContext, CheckOutcome, CommandDetail, Detail, ObjectiveResult } from "./types";

function evaluateCommand(history: readonly string[], match: string): CommandDetail {
  const c = compileRe2(match);
  if (!c.ok) return { kind: "command", passed: false, match, message: `invalid pattern: ${c.error}` };
  const line = history.find((h) => c.re.matcher(h).find());
  return line === undefined
    ? { kind: "command", passed: false, match, message: "no command you ran matches yet" }
    : { kind: "command", passed: true, match, line, message: `you ran: ${line}` };
}

const every = (details: readonly Detail[]): boolean => details.every((d) => d.passed);

/** Evaluates one check on the learner's state. Never throws for learner input. */
export function evaluateCheck(ctx: CheckContext, check: Check): CheckOutcome {
  switch (check.type) {
    case "flows": {
      const details = check.flows.map((f) => evaluateExpectedFlow(ctx.cluster, f));
      return { passed: every(details), details };
    }
    case "command": {
      const detail = evaluateCommand(ctx.history, check.match);
      return { passed: detail.passed, details: [detail] };
    }
    case "resource": {
      const detail = evaluateResource(ctx.cluster, check);
      return { passed: detail.passed, details: [detail] };
    }
    case "setting": {
      const details = evaluateSetting(ctx.cluster, check);
      return { passed: every(details), details };
    }
    case "constraint": {
      const detail = evaluateConstraint(ctx.cluster, check);
      return { passed: detail.passed, details: [detail] };
    }
    case "all": {
      const outcomes = check.checks.map((c) => evaluateCheck(ctx, c));
      return { passed: outcomes.every((o) => o.passed), details: outcomes.flatMap((o) => o.details) };
    }
    case "any": {
      const outcomes = check.checks.map((c) => evaluateCheck(ctx, c));
      return { passed: outcomes.some((o) => o.passed), details: outcomes.flatMap((o) => o.details) };
    }
    default:
      return assertNever(check);
  }
}

function assertNever(x: never): never {
  throw new Error(`unhandled check ${JSON.stringify(x)}`);
}

/** Every objective of a lesson, in order: `{ name, passed, details }`. */
export function evaluateObjectives(ctx: CheckContext, objectives: readonly Objective[]): ObjectiveResult[] {
  return objectives.map((o) => {
    const outcome = evaluateCheck(ctx, o.check);
    return { name: o.name, passed: outcome.passed, details: outcome.details };
  });
}

/**
 * The objectives as a fresh lab of `scenario` meets them, before any command: what a lesson page shows until
 * the learner changes the lab (outcomes hold no timestamps or random values, so any fresh lab gives these).
 */
export function freshObjectives(scenario: Scenario, objectives: readonly Objective[]): ObjectiveResult[] {
  return evaluateObjectives({ cluster: createCluster(scenario, reproducibleDeps()), history: [] }, objectives);
}
