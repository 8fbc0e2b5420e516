/** Server-side grading of a submission against a loaded challenge: the full result and the learner's view. */
import type { ClusterState } from "@/lib/cluster";
import {
  applySubmission,
  grade,
  hiddenWrongFlows,
  redact,
  type HiddenWrongFlow,
  type GradeResult,
  type PublicGradeResult,
  type Submission,
} from "@/lib/grading";
import type { LoadedChallenge } from "@/lib/content/challenges";
import { reproducibleDeps } from "@/lib/base/reproducible";

/** The full grade (hidden checks' details included): for tests and authors, never for a response. */
export function gradeFull(loaded: LoadedChallenge, submission: Submission): GradeResult {
  return grade(loaded.challenge, submission, { ...reproducibleDeps(), start: loaded.start });
}

/** The grade as it leaves the server (API responses, stored attempts, `npm run grade`). */
export function gradePublic(loaded: LoadedChallenge, submission: Submission): PublicGradeResult {
  return redact(gradeFull(loaded, submission));
}

/** A graded attempt as the server stores it: the learner's view, and the hidden checks' wrong flows for hosts. */
export interface GradedAttempt {
  readonly result: PublicGradeResult;
  readonly hiddenFlows: readonly HiddenWrongFlow[];
}

export function gradeAttempt(loaded: LoadedChallenge, submission: Submission): GradedAttempt {
  const full = gradeFull(loaded, submission);
  return { result: redact(full), hiddenFlows: hiddenWrongFlows(full) };
}

/** The learner's cluster as the grader rebuilds it (tests and tools: "what did the grader see?"). */
export function gradedState(loaded: LoadedChallenge, submission: Submission): ClusterState {
  return applySubmission({ ...loaded.start, deps: reproducibleDeps() }, submission).state;
}
