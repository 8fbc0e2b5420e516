/**
 * lib/grading — pure: the check evaluator (lesson objectives and challenge checks), challenge grading with
 * needs, hidden checks, hints and a score, and the redaction applied before a grade leaves the server.
 */
export { evaluateCheck, evaluateObjectives } from "./evaluate";
export { evaluateExpectedFlow } from "./flows";
export { grade, applySubmission, runChecks, scoreOf, type Challenge, type Submission, type GradeDeps } from "./grade";
export { hiddenWrongFlows, redact } from "./redact";
export { chooseHint } from "./hints";
export {
  parseChallengeChecks,
  checksFileSchema,
  challengeCheckSchema,
  orderByNeeds,
  type ChallengeCheck,
  type HintRule,
  type FlowMatcher,
  type ParsedChecks,
} from "./challenge";
export { compileRe2 } from "./regex";
export {
  checkSchema,
  flowSchema,
  objectiveSchema,
  type Check,
  type Constraint,
  type ExpectedFlow,
  type Objective,
} from "./schema";
export * from "./types";
