/**
 * Work on learner input (replaying a lab, grading a submission) that throws is the input's fault, not the
 * server's: the learner gets a 422 that says so, with the cause capped (an error can echo its input), and
 * whatever was saved before stays saved because nothing is written after a failed job.
 */
import { HttpError } from "./errors";

/** Longest cause quoted back to the client. */
export const MAX_CAUSE_CHARS = 500;

/** The 422 for `what` ("the lab", "the submission") that failed with `error`. */
export function unprocessable(what: string, error: unknown): HttpError {
  const cause = error instanceof Error ? error.message : String(error);
  const capped = cause.length > MAX_CAUSE_CHARS ? `${cause.slice(0, MAX_CAUSE_CHARS)}…` : cause;
  return new HttpError(422, `${what} could not be processed (your previous save is kept): ${capped}`);
}

/** Runs `fn` on learner input; a throw becomes a 422 (`unprocessable`). */
export function learnerWork<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw unprocessable(what, error);
  }
}
