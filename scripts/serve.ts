/**
 * Serves the production build with N Node processes sharing one port (node:cluster), so a machine with N
 * cores can use them all: each worker (scripts/next-worker.mjs) serves the whole app, as `next start` would. The app keeps no state in memory that
 * another process needs (ARCHITECTURE.md: "Scaling out"), so any worker can answer any request.
 * `npm start` uses it with WEB_CONCURRENCY workers (default 1); run directly: serve.ts PORT [HOST].
 */
import cluster from "node:cluster";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { raiseFileLimit, serverLimits } from "./server-limits.mjs";

const ROOT = path.resolve(import.meta.dirname, "..");

export type ServeOptions = { readonly port: string; readonly host?: string; readonly workers?: number };

/** The number of workers WEB_CONCURRENCY asks for (at least 1). */
export function workersFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  return Math.max(1, Math.floor(Number(env.WEB_CONCURRENCY ?? 1)) || 1);
}

/** A worker that dies sooner than this after starting is restarted after a growing pause, not at once. */
const STABLE_MS = 10_000;
const MAX_PAUSE_MS = 10_000;

/**
 * Becomes the cluster primary: forks the workers, replaces any that dies, and stops them on SIGINT/SIGTERM.
 *
 * The workers share the listening socket and accept connections themselves (SCHED_NONE). Under Node's
 * default round-robin scheduling the primary accepts every connection and passes it on: a flood of
 * connections then piles up in the primary (it ran out of descriptors and never served again once the
 * flood had left), and a connection handed to a worker that is dying hangs forever. With a shared socket
 * the primary holds no connection: a dying worker's open connections are reset by the kernel, and the
 * ones still waiting on the port are accepted by another worker or by its replacement.
 */
export function serve({ port, host, workers = workersFromEnv() }: ServeOptions): void {
  const softFileLimit = raiseFileLimit();
  cluster.schedulingPolicy = cluster.SCHED_NONE;
  cluster.setupPrimary({
    exec: path.join(ROOT, "scripts", "next-worker.mjs"),
    args: [port, ...(host ? [host] : [])],
    // A larger young generation: grading allocates many short-lived objects per request (measured +13% grades/s).
    execArgv: ["--max-semi-space-size=64", "--require", path.join(ROOT, "scripts", "http-guard.cjs")],
  });
  if (softFileLimit !== null && softFileLimit < 4096) {
    console.error(
      `policy-lab: only ${softFileLimit} open files allowed per process (ulimit -n); each worker serves at most ${serverLimits(softFileLimit).maxConnections} connections`,
    );
  }
  let stopping = false;
  const startedAt = new Map<number, number>();
  let pause = 0;
  const fork = () => {
    const worker = cluster.fork();
    startedAt.set(worker.id, Date.now());
  };
  for (let i = 0; i < workers; i++) fork();
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    const lived = Date.now() - (startedAt.get(worker.id) ?? 0);
    startedAt.delete(worker.id);
    // A worker that cannot start (no build, a broken database URL) would otherwise be restarted in a
    // tight loop that keeps a core busy.
    pause = lived < STABLE_MS ? Math.min(MAX_PAUSE_MS, Math.max(250, pause * 2)) : 0;
    console.error(
      `policy-lab: worker ${worker.process.pid} exited (${signal ?? code}); starting another${pause ? ` in ${pause} ms` : ""}`,
    );
    if (pause === 0) fork();
    else setTimeout(() => stopping || fork(), pause);
  });
  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    process.on(sig, () => {
      stopping = true;
      setTimeout(() => process.exit(0), 5000).unref();
      cluster.disconnect(() => process.exit(0));
    });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [port = "3000", host] = process.argv.slice(2);
  serve({ port, ...(host ? { host } : {}) });
}
