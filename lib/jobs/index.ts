import "server-only";
/**
 * Learner-input work, off the request thread: `runLearnerJob` queues a job in this process's worker pool
 * and turns its outcome into the value or the HTTP error the route answers with. Budgets (environment):
 *
 * | POLICY_LAB_JOB_WORKERS      | worker threads (default: the cores per server process, 1 to 2) |
 * | POLICY_LAB_JOB_QUEUE        | jobs waiting beyond the busy workers before 503s (default 256) |
 * | POLICY_LAB_JOB_TIMEOUT_MS   | wall time per job before its worker is terminated (default 5000) |
 * | POLICY_LAB_JOB_MEMORY_MB    | old-generation heap per worker (default 256) |
 */
import { availableParallelism } from "node:os";
import { HttpError } from "@/lib/http/errors";
import { unprocessable } from "@/lib/http/work";
import { workerScript } from "./bundle";
import { WorkerPool, type JobOutcome, type PoolOptions } from "./pool";
import type { Job, JobResult } from "./tasks";

const positive = (value: string | undefined, fallback: number) => {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};

/**
 * Worker threads per process when not configured: the cores each server process has (WEB_CONCURRENCY of
 * them share the machine), at least 1 and at most 2. More threads than cores only take turns: with two
 * processes of two threads each on two cores, grading slowed every request thread (bench: 257 grades/s and
 * attempt p99 551 ms, against 294/s and 460 ms with one thread each).
 */
export function defaultWorkers(
  env: Readonly<Record<string, string | undefined>> = process.env,
  cores = availableParallelism(),
): number {
  const processes = positive(env.WEB_CONCURRENCY, 1);
  return Math.max(1, Math.min(2, Math.floor(cores / processes)));
}

/** The pool's budgets from the environment. */
export function poolOptionsFromEnv(
  script: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): PoolOptions {
  return {
    script,
    size: positive(env.POLICY_LAB_JOB_WORKERS, defaultWorkers(env)),
    maxQueue: positive(env.POLICY_LAB_JOB_QUEUE, 256),
    timeoutMs: positive(env.POLICY_LAB_JOB_TIMEOUT_MS, 5000),
    resourceLimits: {
      maxOldGenerationSizeMb: positive(env.POLICY_LAB_JOB_MEMORY_MB, 256),
      maxYoungGenerationSizeMb: 64,
      stackSizeMb: 4,
    },
  };
}

// One pool per process, kept across dev hot reloads (a module reload would otherwise leak its workers).
const holder = globalThis as { policyLabJobs?: Promise<WorkerPool> };

function pool(): Promise<WorkerPool> {
  holder.policyLabJobs ??= workerScript().then((script) => new WorkerPool(poolOptionsFromEnv(script)));
  return holder.policyLabJobs;
}

/** What the learner is told for each way a job can end without a value. */
export function outcomeError(what: string, outcome: Exclude<JobOutcome<unknown>, { kind: "done" }>): HttpError {
  switch (outcome.kind) {
    case "failed":
      return unprocessable(what, new Error(outcome.message));
    case "timeout":
      return new HttpError(
        422,
        `${what} needed more than ${outcome.ms / 1000} s of server time and was stopped; your previous save is kept. Make it smaller (fewer or smaller applies) and try again.`,
      );
    case "out-of-memory":
      return new HttpError(
        422,
        `${what} needed more memory than the server gives one job and was stopped; your previous save is kept. Make it smaller and try again.`,
      );
    case "busy":
      return new HttpError(
        503,
        "the server is busy with other learners' work: try again in a few seconds (nothing was saved)",
        { "retry-after": "2" },
      );
    case "crashed":
      return new HttpError(
        503,
        `the server could not finish ${what} (${outcome.message}): try again (nothing was saved)`,
        { "retry-after": "1" },
      );
  }
}

/** Runs `job` in the pool; its value, or the HttpError for what went wrong ("the lab", "the submission"). */
export async function runLearnerJob<J extends Job>(what: string, job: J): Promise<JobResult<J>> {
  const outcome = await (await pool()).run<JobResult<J>>(job);
  if (outcome.kind === "done") return outcome.value;
  throw outcomeError(what, outcome);
}
