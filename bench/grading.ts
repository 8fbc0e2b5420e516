/**
 * Grading benchmark (issue 6): a production server on loopback, 200 concurrent learners (distinct
 * `pl_learner` cookies) submitting a typical solution to `POST /api/challenges/imperial-airspace/attempts`,
 * on SQLite and on PostgreSQL (a scratch database on 127.0.0.1:5432, dropped afterwards). Prints grades/s
 * (2xx responses only) and p50/p99 latency, against a baseline measured on the same server in the same run:
 * the same route answering 404 for an unknown challenge (Next.js routing, the proxy and a JSON response,
 * without grading or the database). Targets (≥ 300 grades/s, p99 < 200 ms) are printed, never asserted.
 *
 * Each connection is one learner for 15 attempts, then a new learner arrives (arrivals staggered): no
 * learner exceeds the per-learner rate limit (20 a minute), so the limit's query runs on every request but
 * never turns the bench into 429s.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import { createServer } from "node:net";
import path from "node:path";
// @ts-expect-error -- autocannon 8 ships no type declarations; the few fields used here are typed below.
import autocannonUntyped from "autocannon";
import pg from "pg";
import { buildIfChanged } from "../scripts/build-if-changed";
import { prepareDatabase } from "../scripts/prepare-db";

const ROOT = path.resolve(import.meta.dirname, "..");
const SLUG = "imperial-airspace";
const CONNECTIONS = Number(process.env.BENCH_GRADING_CONNECTIONS ?? 200);
const DURATION_S = Number(process.env.BENCH_GRADING_SECONDS ?? 15);
const PER_LEARNER = 15;
const WARMUP_S = 8;
const ADMIN_URL = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/** The reference solution as the lab sends it: its journal and the commands typed. */
const SOLUTION = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: imperial-airspace
spec:
  description: Only Imperial ships land, on 80/TCP
  endpointSelector:
    matchLabels:
      class: deathstar
  ingress:
  - fromEndpoints:
    - matchLabels:
        org: empire
    toPorts:
    - ports:
      - port: "80"
        protocol: TCP
`;
const COMMANDS = ["kubectl get pods --show-labels", "cat <<EOT | kubectl apply -f -", "kubectl exec tiefighter -- curl -s -XPOST deathstar.default.svc.cluster.local/v1/request-landing"];
let sent = 0;
/** Every body differs (its description counts attempts), so no cache anywhere can stand in for grading. */
const body = (): string =>
  JSON.stringify({ journal: [{ op: "apply", source: "STDIN", text: SOLUTION.replace("on 80/TCP", `on 80/TCP (attempt ${++sent})`) }], commands: COMMANDS });
const BODY = body();

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

let built = false;

export interface RunningServer {
  readonly base: string;
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

/** Migrates `databaseUrl`, builds if sources changed, and serves the production app on a free loopback port. */
export async function startServer(databaseUrl: string, env: Record<string, string> = {}): Promise<RunningServer> {
  const saved = process.env.DATABASE_URL;
  process.env.DATABASE_URL = databaseUrl;
  try {
    if (!prepareDatabase(ROOT, () => {})) throw new Error(`migrating ${databaseUrl} failed`);
  } finally {
    if (saved === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved;
  }
  // Build once per run: both databases are measured on the same build, even if sources change meanwhile.
  if (!built && !buildIfChanged(ROOT, () => {})) throw new Error("next build failed");
  built = true;
  const port = await freePort();
  // The same launcher as `npm start` (scripts/serve.ts): WEB_CONCURRENCY worker processes on one port.
  const tsx = path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");
  const child: ChildProcess = spawn(process.execPath, [tsx, path.join(ROOT, "scripts", "serve.ts"), String(port), "127.0.0.1"], {
    cwd: ROOT,
    env: { ...process.env, ...env, DATABASE_URL: databaseUrl, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
    stdio: ["ignore", "ignore", "inherit"],
    // Its own process group, so stopping it stops tsx's runner and every cluster worker with it.
    detached: true,
  });
  const base = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.pid === undefined) return resolve();
      child.once("exit", () => resolve());
      process.kill(-child.pid, "SIGTERM");
    });
  for (let i = 0; i < 150; i++) {
    if (await fetch(`${base}/api/challenges/${SLUG}/attempts`).then((r) => r.ok, () => false)) return { base, pid: child.pid, stop };
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error("the server did not start");
}

interface Result {
  readonly "2xx": number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly duration: number;
  readonly latency: { readonly p50: number; readonly p99: number };
}
interface CannonRequest {
  readonly headers?: Record<string, string>;
  readonly [key: string]: unknown;
}
type Cannon = (opts: {
  url: string;
  connections: number;
  duration: number;
  timeout: number;
  requests: { method: "GET" | "POST"; path: string; body?: string; setupRequest: (req: CannonRequest, context: Record<string, string>) => CannonRequest }[];
}) => Promise<Result>;
const autocannon = autocannonUntyped as Cannon;

/** 200 connections; each is one learner for PER_LEARNER requests, then a new learner (a fresh cookie). */
function cannon(base: string, route: "grade" | "baseline", seconds: number): Promise<Result> {
  const requests = [
    {
      method: route === "grade" ? ("POST" as const) : ("GET" as const),
      path: route === "grade" ? `/api/challenges/${SLUG}/attempts` : "/api/challenges/no-such-challenge/attempts",
      ...(route === "grade" ? { body: BODY } : {}),
      setupRequest: (req: CannonRequest, context: Record<string, string>) => {
        // Learners come and go at their own times: the first learner of a connection leaves after a
        // random share of PER_LEARNER attempts, so arrivals spread out instead of 200 at once.
        const left = Number(context.left ?? 0) - 1;
        if (!context.learner || left <= 0) {
          context.left = String(context.learner ? PER_LEARNER : 1 + Math.floor(Math.random() * PER_LEARNER));
          context.learner = randomUUID();
        } else context.left = String(left);
        const headers = { ...req.headers, "content-type": "application/json", cookie: `pl_learner=${context.learner}` };
        return route === "grade" ? { ...req, headers, body: body() } : { ...req, headers };
      },
    },
  ];
  return autocannon({ url: base, connections: CONNECTIONS, duration: seconds, requests, timeout: 30 });
}

/** CPU time (ms) the server process has used so far, from /proc (Linux); null elsewhere. */
/** utime + stime of one process, in ms, and its parent's pid (from /proc; clock ticks are 10 ms). */
function procStat(pid: number): { cpuMs: number; ppid: number } | null {
  if (!existsSync(`/proc/${pid}/stat`)) return null;
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  const ticks = Number(fields[11]) + Number(fields[12]);
  return Number.isFinite(ticks) ? { cpuMs: ticks * 10, ppid: Number(fields[1]) } : null;
}

/** CPU used so far by the server process and all its descendants (tsx's runner, the cluster workers). */
export function serverCpuMs(pid: number | undefined): number | null {
  if (pid === undefined || procStat(pid) === null) return null;
  const stats = new Map<number, { cpuMs: number; ppid: number }>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = procStat(Number(entry));
    if (stat) stats.set(Number(entry), stat);
  }
  const inTree = (p: number): boolean => p === pid || (p > 1 && stats.has(p) && inTree(stats.get(p)!.ppid));
  let total = 0;
  for (const [p, stat] of stats) if (inTree(p)) total += stat.cpuMs;
  return total;
}

interface Measured {
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly cpuPerRequest: number | null;
}

/** Runs one load and prints a line. `countAll`: the baseline's 404s are its expected answers. */
export async function measure(label: string, server: RunningServer, route: "grade" | "baseline"): Promise<Measured> {
  const cpu0 = serverCpuMs(server.pid);
  const r = await cannon(server.base, route, DURATION_S);
  const cpu1 = serverCpuMs(server.pid);
  const done = route === "grade" ? r["2xx"] : r["2xx"] + r.non2xx;
  const perSecond = done / (r.duration || DURATION_S);
  const cpuPerRequest = cpu0 !== null && cpu1 !== null && done > 0 ? (cpu1 - cpu0) / done : null;
  const unit = route === "grade" ? "grades/s" : "req/s   ";
  console.log(
    `${label.padEnd(44)} ${perSecond.toFixed(0).padStart(5)} ${unit}  p50 ${String(r.latency.p50).padStart(5)} ms  p99 ${String(r.latency.p99).padStart(5)} ms` +
      `  server CPU ${cpuPerRequest === null ? "n/a" : `${cpuPerRequest.toFixed(2)} ms`}/req` +
      `  (2xx ${r["2xx"]}, non-2xx ${r.non2xx}, errors ${r.errors}, timeouts ${r.timeouts})`,
  );
  return { perSecond, p50: r.latency.p50, p99: r.latency.p99, cpuPerRequest };
}

/**
 * Open-loop load at a steady rate: one attempt every 1000/rate ms, spread over CONNECTIONS learners, each
 * sent without waiting for earlier answers — the way 200 learners clicking Check at their own pace arrive.
 * (autocannon's rate options release each second's budget at once on every connection, so all 200 fire
 * together at every second boundary and the latency measured is that burst's queue, not the server's.)
 */
export async function paced(base: string, rate: number, seconds: number): Promise<{ perSecond: number; p50: number; p99: number; ok: number; failed: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const url = new URL(`/api/challenges/${SLUG}/attempts`, base);
  // Staggered, as above: each learner slot starts part-way through its PER_LEARNER attempts.
  const learners = Array.from({ length: CONNECTIONS }, (_, i) => ({ id: randomUUID(), sent: i % PER_LEARNER }));
  const latencies: number[] = [];
  let ok = 0;
  let failed = 0;
  const inflight: Promise<void>[] = [];
  const send = (n: number) =>
    new Promise<void>((resolve) => {
      const learner = learners[n % CONNECTIONS]!;
      if (++learner.sent > PER_LEARNER) Object.assign(learner, { id: randomUUID(), sent: 1 });
      const payload = body();
      const t0 = performance.now();
      const req = http.request(
        url,
        { method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload), cookie: `pl_learner=${learner.id}` } },
        (res) => {
          res.resume();
          res.on("end", () => {
            latencies.push(performance.now() - t0);
            if (res.statusCode && res.statusCode < 300) ok++;
            else failed++;
            resolve();
          });
        },
      );
      req.on("error", () => {
        failed++;
        resolve();
      });
      req.end(payload);
    });
  const start = performance.now();
  const total = Math.round(rate * seconds);
  for (let n = 0; n < total; n++) {
    const due = start + (n * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    inflight.push(send(n));
  }
  await Promise.all(inflight);
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN);
  return { perSecond: ok / elapsed, p50: pct(0.5), p99: pct(0.99), ok, failed };
}

/** Waits until the server answers a lone request quickly again: the previous run's queue has drained. */
async function drained(base: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const t0 = performance.now();
    await fetch(`${base}/api/challenges/no-such-challenge/attempts`).catch(() => null);
    if (performance.now() - t0 < 50) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function runOn(name: string, databaseUrl: string, workers: number): Promise<void> {
  console.log(`\n### ${name}, ${workers} server process${workers === 1 ? "" : "es"} (WEB_CONCURRENCY=${workers})\n`);
  const server = await startServer(databaseUrl, { WEB_CONCURRENCY: String(workers) });
  try {
    // Warm-up (not reported): the JIT, the challenge's cached starting cluster, the DB pool. Measured here:
    // the first seconds of grading cost about twice the CPU per request of a warm server.
    await cannon(server.base, "grade", WARMUP_S);
    await drained(server.base);
    const baseline = await measure("baseline: unknown-challenge 404 (closed loop)", server, "baseline");
    await drained(server.base);
    // The steady 300/s run comes before the closed-loop one, whose queue of waiting requests would
    // otherwise still be in front of it.
    const t = await paced(server.base, 300, DURATION_S);
    await drained(server.base);
    const capacity = await measure(`grading capacity (${CONNECTIONS} learners, closed loop)`, server, "grade");
    const target = { perSecond: t.perSecond, p99: t.p99 };
    console.log(
      `${`grading at 300/s offered (${CONNECTIONS} learners, open loop)`.padEnd(44)} ${t.perSecond.toFixed(0).padStart(5)} grades/s  p50 ${String(t.p50).padStart(5)} ms  p99 ${String(t.p99).padStart(5)} ms  (2xx ${t.ok}, failed ${t.failed})`,
    );
    const ratio = (a: number | null, b: number | null) => (a !== null && b !== null && b > 0 ? `${(a / b).toFixed(1)}×` : "n/a");
    console.log(
      `\ncapacity ${(capacity.perSecond / baseline.perSecond).toFixed(2)}× the baseline's req/s; a grade costs ${ratio(capacity.cpuPerRequest, baseline.cpuPerRequest)} the baseline's server CPU` +
        `\ntarget ≥ 300 grades/s: ${capacity.perSecond >= 300 ? "met" : "NOT met"} (${capacity.perSecond.toFixed(0)}/s);` +
        ` target p99 < 200 ms at 300/s: ${target.p99 < 200 && target.perSecond >= 290 ? "met" : "NOT met"} (p99 ${target.p99} ms, ${target.perSecond.toFixed(0)}/s served)`,
    );
  } finally {
    await server.stop();
  }
}

export async function scratchPostgres(): Promise<{ url: string; drop: () => Promise<void> } | null> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  try {
    await admin.connect();
  } catch (error) {
    console.log(`PostgreSQL at ${ADMIN_URL} is not reachable (${(error as Error).message}): skipped`);
    return null;
  }
  const name = `policylab_bench_${process.pid}`;
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

export default async function bench(): Promise<void> {
  console.log(`${CONNECTIONS} concurrent learners, ${DURATION_S} s per run, POST ~${BODY.length} B (the ${SLUG} reference solution, a different description each time)`);
  console.log(`machine: ${os.availableParallelism()} CPUs, load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")} (other work on the machine skews the numbers)`);
  const file = path.join(ROOT, "data", "bench-grading.db");
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
  // One process (the default `npm start`) and one per core (WEB_CONCURRENCY, for workshop servers).
  const counts = process.env.WEB_CONCURRENCY ? [Number(process.env.WEB_CONCURRENCY)] : [...new Set([1, os.availableParallelism()])];
  try {
    for (const workers of counts) await runOn("SQLite", `file:${file}`, workers);
  } finally {
    for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
  }
  const scratch = await scratchPostgres();
  if (!scratch) return;
  try {
    for (const workers of counts) await runOn("PostgreSQL", scratch.url, workers);
  } finally {
    await scratch.drop();
  }
}
