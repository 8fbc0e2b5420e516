/**
 * The worker thread's entry (bundled by bundle.ts): runs one job per message and answers with its value or
 * the message of what it threw. Budgets are the pool's: this side only computes.
 */
import { parentPort } from "node:worker_threads";
import { runJob, type Job } from "./tasks";

const MAX_MESSAGE = 2000;

// Everything above is loaded: from here on, time is the job's.
parentPort?.postMessage({ ready: true });
parentPort?.on("message", ({ id, job }: { id: number; job: Job }) => {
  try {
    parentPort?.postMessage({ id, ok: true, value: runJob(job) });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    parentPort?.postMessage({ id, ok: false, message: message.slice(0, MAX_MESSAGE) });
  }
});
