/**
 * Grading benchmark (issues 6 and 10): a production server on loopback (scripts/serve.ts, as `npm start`
 * runs it), learners pressing Check on `POST /api/challenges/imperial-airspace/attempts`, on SQLite and on
 * PostgreSQL (a scratch database on 127.0.0.1:5432, dropped afterwards), with 1 and 2 server processes.
 *
 * Learners as a class is: each one first loads the challenge page (which hands out the learner cookie; the
 * server issues it, the bench never invents one), then keeps that cookie and its own keep-alive connection
 * and submits every PACE_S seconds — under the per-learner limit of 20 a minute, so the limit's query runs
 * on every request but never turns the run into 429s. RATE grades/s offered therefore takes RATE × PACE_S
 * learners. The load is open loop: attempts leave on schedule whether or not earlier ones were answered,
 * so a slow server shows as latency, not as a politely lower offered rate. (autocannon, used before,
 * resets a connection's context after each request sequence: every request was a new learner.)
 *
 * During the burst a page-load probe fetches a lesson page every PROBE_MS and records how long it took: the
 * learner who opens the next lesson while the class is grading. Reported: grades/s offered and achieved,
 * p50/p99 of attempts and of page loads, errors by kind, server CPU per grade; the baseline of the same
 * run is the server idle (a 404 route's closed-loop req/s, and page loads with nothing else running).
 * Targets (300 grades/s offered, attempt p99 < 500 ms, page-load p99 < 1 s) are printed, never asserted.
 */
import { spawn, type ChildProcess } from "node:child_process";
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
const CHALLENGE_PAGE = `/challenges/${SLUG}`;
const LESSON_PAGE = "/lessons/l3-l4-policies";
const RATES = (process.env.BENCH_GRADING_RATES ?? "300")
  .split(",")
  .map(Number)
  .filter((r) => r > 0);
const DURATION_S = Number(process.env.BENCH_GRADING_SECONDS ?? 15);
/** Seconds between one learner's Checks (15 a minute: under the limit of 20). */
const PACE_S = 4;
const WARMUP_S = 6;
const PROBE_MS = 100;
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
const COMMANDS = [
  "kubectl get pods --show-labels",
  "cat <<EOT | kubectl apply -f -",
  "kubectl exec tiefighter -- curl -s -XPOST deathstar.default.svc.cluster.local/v1/request-landing",
];
let sent = 0;
/** Every body differs (its description counts attempts), so no cache anywhere can stand in for grading. */
const body = (): string =>
  JSON.stringify({
    journal: [{ op: "apply", source: "STDIN", text: SOLUTION.replace("on 80/TCP", `on 80/TCP (attempt ${++sent})`) }],
    commands: COMMANDS,
  });
const BODY_BYTES = body().length;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
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
  const child: ChildProcess = spawn(
    process.execPath,
    [tsx, path.join(ROOT, "scripts", "serve.ts"), String(port), "127.0.0.1"],
    {
      cwd: ROOT,
      env: { ...process.env, ...env, DATABASE_URL: databaseUrl, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
      stdio: ["ignore", "ignore", "inherit"],
      // Its own process group, so stopping it stops tsx's runner and every cluster worker with it.
      detached: true,
    },
  );
  const base = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.pid === undefined) return resolve();
      child.once("exit", () => resolve());
      process.kill(-child.pid, "SIGTERM");
    });
  for (let i = 0; i < 150; i++) {
    if (
      await fetch(`${base}/api/challenges/${SLUG}/attempts`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { base, pid: child.pid, stop };
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error("the server did not start");
}

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

type Answer = { readonly status: number | "error"; readonly ms: number; readonly setCookie: readonly string[] };

/** One request on `agent`; resolves with its status (or "error") and latency, never rejects. */
function send(
  agent: http.Agent,
  base: string,
  method: "GET" | "POST",
  route: string,
  cookie: string,
  payload?: string,
): Promise<Answer> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const headers: Record<string, string | number> = { cookie, "sec-fetch-site": "same-origin", origin: base };
    if (payload !== undefined)
      Object.assign(headers, { "content-type": "application/json", "content-length": Buffer.byteLength(payload) });
    const req = http.request(new URL(route, base), { method, agent, headers }, (res) => {
      res.resume();
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          ms: performance.now() - t0,
          setCookie: res.headers["set-cookie"] ?? [],
        }),
      );
      res.on("error", () => resolve({ status: "error", ms: performance.now() - t0, setCookie: [] }));
    });
    req.setTimeout(60_000, () => req.destroy());
    req.on("error", () => resolve({ status: "error", ms: performance.now() - t0, setCookie: [] }));
    req.end(payload);
  });
}

/** A learner: a browser's own keep-alive connections and the cookie the server gave it. */
interface Learner {
  readonly agent: http.Agent;
  cookie: string;
}

const cookieOf = (setCookie: readonly string[], previous = ""): string => {
  const jar = new Map(
    previous
      .split("; ")
      .filter(Boolean)
      .map((c) => [c.split("=")[0]!, c] as const),
  );
  for (const line of setCookie) {
    const pair = line.split(";")[0]!;
    jar.set(pair.split("=")[0]!, pair);
  }
  return [...jar.values()].join("; ");
};

/** `n` learners, each having loaded the challenge page once (at most 8 page loads at a time). */
async function arrive(base: string, n: number): Promise<Learner[]> {
  const learners: Learner[] = Array.from({ length: n }, () => ({
    agent: new http.Agent({ keepAlive: true, maxSockets: 6 }),
    cookie: "",
  }));
  let next = 0;
  const worker = async () => {
    while (next < learners.length) {
      const learner = learners[next++]!;
      const page = await send(learner.agent, base, "GET", CHALLENGE_PAGE, "");
      if (page.status !== 200 || page.setCookie.length === 0)
        throw new Error(`loading ${CHALLENGE_PAGE} gave ${page.status} and no cookie`);
      learner.cookie = cookieOf(page.setCookie);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return learners;
}

const pct = (sorted: readonly number[], q: number) =>
  sorted.length === 0 ? NaN : Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!);

interface Burst {
  readonly offered: number;
  readonly achieved: number;
  readonly attempts: { readonly p50: number; readonly p99: number; readonly ok: number };
  /** Only the attempts that were graded and recorded (2xx). */
  readonly graded: { readonly p50: number; readonly p99: number };
  /** Only the 503s: refused by the admission gate or the job pool before any work, nothing recorded. */
  readonly refused: { readonly p50: number; readonly p99: number; readonly count: number };
  readonly pages: { readonly p50: number; readonly p99: number; readonly count: number; readonly failed: number };
  /** Failed attempts by status ("error": the connection failed). */
  readonly errors: Readonly<Record<string, number>>;
  readonly cpuPerGrade: number | null;
}

/**
 * `rate` attempts a second for `seconds`, attempt k by learner k mod N (so each learner every PACE_S s),
 * while the probe loads the lesson page every PROBE_MS.
 */
async function burst(
  server: RunningServer,
  learners: readonly Learner[],
  rate: number,
  seconds: number,
): Promise<Burst> {
  const probe: Learner = { agent: new http.Agent({ keepAlive: true, maxSockets: 6 }), cookie: learners[0]!.cookie };
  const attemptMs: number[] = [];
  const gradedMs: number[] = [];
  const refusedMs: number[] = [];
  const pageMs: number[] = [];
  const errors: Record<string, number> = {};
  let pagesFailed = 0;
  let ok = 0;
  const inflight: Promise<void>[] = [];
  const cpu0 = serverCpuMs(server.pid);
  const start = performance.now();
  const total = Math.round(rate * seconds);
  let probes = 0;
  const probeTimer = setInterval(() => {
    probes++;
    inflight.push(
      send(probe.agent, server.base, "GET", LESSON_PAGE, probe.cookie).then((a) => {
        pageMs.push(a.ms);
        if (a.status !== 200) pagesFailed++;
      }),
    );
  }, PROBE_MS);
  for (let k = 0; k < total; k++) {
    const wait = start + (k * 1000) / rate - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const learner = learners[k % learners.length]!;
    inflight.push(
      send(learner.agent, server.base, "POST", `/api/challenges/${SLUG}/attempts`, learner.cookie, body()).then((a) => {
        attemptMs.push(a.ms);
        if (a.status === 503) refusedMs.push(a.ms);
        if (typeof a.status === "number" && a.status < 300) {
          ok++;
          gradedMs.push(a.ms);
        } else errors[String(a.status)] = (errors[String(a.status)] ?? 0) + 1;
        if (a.setCookie.length > 0) learner.cookie = cookieOf(a.setCookie, learner.cookie);
      }),
    );
  }
  const sentAt = performance.now();
  clearInterval(probeTimer);
  await Promise.all(inflight);
  const cpu1 = serverCpuMs(server.pid);
  probe.agent.destroy();
  for (const list of [attemptMs, gradedMs, refusedMs]) list.sort((a, b) => a - b);
  pageMs.sort((a, b) => a - b);
  return {
    offered: total / ((sentAt - start) / 1000),
    achieved: ok / ((performance.now() - start) / 1000),
    attempts: { p50: pct(attemptMs, 0.5), p99: pct(attemptMs, 0.99), ok },
    graded: { p50: pct(gradedMs, 0.5), p99: pct(gradedMs, 0.99) },
    refused: { p50: pct(refusedMs, 0.5), p99: pct(refusedMs, 0.99), count: refusedMs.length },
    pages: { p50: pct(pageMs, 0.5), p99: pct(pageMs, 0.99), count: probes, failed: pagesFailed },
    errors,
    cpuPerGrade: cpu0 !== null && cpu1 !== null && ok > 0 ? (cpu1 - cpu0) / ok : null,
  };
}

interface Result {
  readonly "2xx": number;
  readonly non2xx: number;
  readonly duration: number;
}
type Cannon = (opts: {
  url: string;
  connections: number;
  duration: number;
  timeout: number;
  requests: { method: "GET"; path: string }[];
}) => Promise<Result>;
const autocannon = autocannonUntyped as Cannon;

/** The baseline's throughput: the attempts route for an unknown challenge (routing, proxy, a JSON 404). */
async function baseline(
  server: RunningServer,
  seconds: number,
): Promise<{ perSecond: number; cpuPerRequest: number | null }> {
  const cpu0 = serverCpuMs(server.pid);
  const r = await autocannon({
    url: server.base,
    connections: 50,
    duration: seconds,
    timeout: 30,
    requests: [{ method: "GET", path: "/api/challenges/no-such-challenge/attempts" }],
  });
  const cpu1 = serverCpuMs(server.pid);
  const done = r["2xx"] + r.non2xx;
  return {
    perSecond: done / (r.duration || seconds),
    cpuPerRequest: cpu0 !== null && cpu1 !== null && done > 0 ? (cpu1 - cpu0) / done : null,
  };
}

/** Page loads one after another on an idle server: what the probe's numbers compare with. */
async function idlePageLoads(base: string, cookie: string, n: number): Promise<{ p50: number; p99: number }> {
  const agent = new http.Agent({ keepAlive: true });
  const ms: number[] = [];
  for (let i = 0; i < n; i++) ms.push((await send(agent, base, "GET", LESSON_PAGE, cookie)).ms);
  agent.destroy();
  ms.sort((a, b) => a - b);
  return { p50: pct(ms, 0.5), p99: pct(ms, 0.99) };
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

const verdict = (met: boolean) => (met ? "met" : "NOT met");

async function runOn(name: string, databaseUrl: string, workers: number): Promise<void> {
  console.log(`\n### ${name}, ${workers} server process${workers === 1 ? "" : "es"} (WEB_CONCURRENCY=${workers})\n`);
  // The per-address budget (all the bench's learners share 127.0.0.1) must not stand in for the per-learner one.
  const server = await startServer(databaseUrl, {
    WEB_CONCURRENCY: String(workers),
    POLICY_LAB_ATTEMPTS_PER_ADDRESS_PER_MINUTE: "1000000",
  });
  const pools: Learner[][] = [];
  try {
    const maxRate = Math.max(...RATES);
    const learners = await arrive(server.base, Math.ceil(maxRate * PACE_S));
    pools.push(learners);
    // Warm-up (not reported): the JIT, the challenge's cached starting cluster, the database pool, pages.
    await idlePageLoads(server.base, learners[0]!.cookie, 5);
    await burst(server, learners, Math.min(maxRate, 200), WARMUP_S);
    await drained(server.base);
    const base = await baseline(server, 5);
    await drained(server.base);
    const idle = await idlePageLoads(server.base, learners[0]!.cookie, 30);
    console.log(
      `baseline (idle server): unknown-challenge 404 ${base.perSecond.toFixed(0)} req/s (closed loop, 50 connections); lesson page load p50 ${idle.p50} ms, p99 ${idle.p99} ms`,
    );
    for (const rate of RATES) {
      await drained(server.base);
      // A fresh class for each rate, so no learner carries attempts from an earlier run into the limit's window.
      const cls =
        rate === maxRate && pools.length === 1 ? learners : await arrive(server.base, Math.ceil(rate * PACE_S));
      if (cls !== learners) pools.push(cls);
      const b = await burst(server, cls, rate, DURATION_S);
      const errs =
        Object.entries(b.errors)
          .map(([k, v]) => `${k === "error" ? "connection" : k}: ${v}`)
          .join(", ") || "none";
      console.log(
        `${rate} grades/s offered by ${cls.length} learners: ${b.achieved.toFixed(0)} grades/s achieved (offered ${b.offered.toFixed(0)}/s);` +
          ` attempts p50 ${b.attempts.p50} ms, p99 ${b.attempts.p99} ms (graded: p50 ${b.graded.p50} ms, p99 ${b.graded.p99} ms; 503 busy: ${b.refused.count}, p50 ${b.refused.p50} ms, p99 ${b.refused.p99} ms); page loads during the burst p50 ${b.pages.p50} ms, p99 ${b.pages.p99} ms` +
          ` (${b.pages.count} probes, ${b.pages.failed} failed); failed attempts: ${errs}` +
          `; server CPU ${b.cpuPerGrade === null ? "n/a" : `${b.cpuPerGrade.toFixed(2)} ms`}/grade` +
          (b.cpuPerGrade !== null && base.cpuPerRequest
            ? ` (${(b.cpuPerGrade / base.cpuPerRequest).toFixed(1)}× the baseline request)`
            : ""),
      );
      if (rate === 300) {
        console.log(
          `  targets at 300/s: achieved ≥ 290/s ${verdict(b.achieved >= 290)}; attempt p99 < 500 ms ${verdict(b.attempts.p99 < 500)};` +
            ` page-load p99 < 1 s ${verdict(b.pages.p99 < 1000)} (${(b.pages.p99 / Math.max(1, idle.p99)).toFixed(1)}× the idle p99)`,
        );
      }
    }
  } finally {
    for (const pool of pools) for (const l of pool) l.agent.destroy();
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
  console.log(
    `${RATES.join(", ")} grades/s offered for ${DURATION_S} s, each learner every ${PACE_S} s; POST ~${BODY_BYTES} B (the ${SLUG} reference solution, a different description each time); page probe every ${PROBE_MS} ms`,
  );
  console.log(
    `machine: ${os.availableParallelism()} CPUs, load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")} (other work on the machine skews the numbers)`,
  );
  const file = path.join(ROOT, "data", "bench-grading.db");
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
  // One process (the default `npm start`) and one per core (WEB_CONCURRENCY, for workshop servers).
  const counts = process.env.WEB_CONCURRENCY
    ? [Number(process.env.WEB_CONCURRENCY)]
    : [...new Set([1, os.availableParallelism()])];
  const only = process.env.BENCH_GRADING_DB;
  try {
    if (only !== "postgresql") for (const workers of counts) await runOn("SQLite", `file:${file}`, workers);
  } finally {
    for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
  }
  if (only === "sqlite") return;
  const scratch = await scratchPostgres();
  if (!scratch) return;
  try {
    for (const workers of counts) await runOn("PostgreSQL", scratch.url, workers);
  } finally {
    await scratch.drop();
  }
}
