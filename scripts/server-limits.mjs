// Connection limits for the HTTP server of every worker (scripts/next-worker.mjs). Plain JavaScript: the
// workers run under plain `node`, without tsx's loader in front of every module Next.js loads.
//
// Why each limit exists: a client that opens a connection and never finishes its request holds a file
// descriptor until the server drops it. Node's defaults drop it only after 60–300 s, checked every 30 s,
// and accept connections until the process runs out of descriptors — then the worker cannot open its
// database, its own files or any new connection, for everyone, until the clients leave (issue 10).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

/** Descriptors each worker keeps for itself (database files and pool, static files, Next's own). */
const RESERVED_FDS = 1024;
/** More connections than a class needs, few enough that idle sockets cannot exhaust memory. */
const MAX_CONNECTIONS_CAP = 10_000;

/**
 * The open-files limits of this process, from /proc/self/limits (Linux); null elsewhere.
 * @returns {{ soft: number, hard: number } | null}
 */
export function fileLimits() {
  try {
    const line = readFileSync("/proc/self/limits", "utf8")
      .split("\n")
      .find((l) => l.startsWith("Max open files"));
    const [soft, hard] = (line ?? "").slice("Max open files".length).trim().split(/\s+/);
    const num = (/** @type {string | undefined} */ v) => (v === "unlimited" ? Number.POSITIVE_INFINITY : Number(v));
    const limits = { soft: num(soft), hard: num(hard) };
    return Number.isNaN(limits.soft) || Number.isNaN(limits.hard) ? null : limits;
  } catch {
    return null;
  }
}

/**
 * Raises this process's soft open-files limit to its hard limit (util-linux `prlimit`; Node has no
 * setrlimit), so the workers forked afterwards inherit it. Many systems start processes at a soft limit
 * of 1024 under a far higher hard one. Returns the soft limit in force afterwards.
 * @returns {number | null}
 */
export function raiseFileLimit() {
  const limits = fileLimits();
  if (!limits || limits.soft >= limits.hard) return limits?.soft ?? null;
  const hard = Number.isFinite(limits.hard) ? String(limits.hard) : "unlimited";
  try {
    execFileSync("prlimit", ["--pid", String(process.pid), `--nofile=${hard}:${hard}`], { stdio: "ignore" });
  } catch {
    // No prlimit (or not allowed): keep the soft limit; maxConnections below is derived from it anyway.
  }
  return fileLimits()?.soft ?? limits.soft;
}

/**
 * The limits for a worker whose soft open-files limit is `softFileLimit` (null: unknown, assume 1024).
 * @param {number | null} softFileLimit
 * @returns {import("./server-limits.mjs").ServerLimits}
 */
export function serverLimits(softFileLimit) {
  const soft = softFileLimit ?? 1024;
  return {
    // Generous for a phone on a bad network (a request's headers are a few hundred bytes; an attempt's
    // body at most a few hundred KB), short enough that a flood of half-sent requests drains quickly.
    headersTimeout: 10_000,
    requestTimeout: 30_000,
    // Browsers keep an idle connection for minutes and reuse it for the next click; Node's default of 5 s
    // closed it between two Checks, so a class pressing Check together opened a connection each, faster
    // than a busy worker accepts them: thousands waited in the accept queue and answers took 15–45 s
    // (measured, bench/grading.ts) though the server graded each in under a second. 65 s is also above
    // the idle timeout of the usual load balancers (60 s), as it must be so that they never reuse a
    // connection the server is closing. Idle connections cost a descriptor each, within maxConnections.
    keepAliveTimeout: 65_000,
    // Node checks the two timeouts only every 30 s by default: a flood would outlive them by that much.
    connectionsCheckingInterval: 1_000,
    maxConnections: Math.max(64, Math.min(MAX_CONNECTIONS_CAP, soft - RESERVED_FDS)),
    // Connections the kernel completes before the server accepts them (Node's default is 511; Linux caps
    // it at net.core.somaxconn). A burst beyond it has its handshakes dropped and retried a second later,
    // so a learner's click behind a flood would wait that second.
    backlog: 4096,
  };
}

/**
 * The options for `http.createServer` (the timeouts are constructor options: the checking interval can
 * only be set there).
 * @param {import("./server-limits.mjs").ServerLimits} limits
 * @returns {import("node:http").ServerOptions}
 */
export function serverOptions(limits) {
  return {
    headersTimeout: limits.headersTimeout,
    requestTimeout: limits.requestTimeout,
    connectionsCheckingInterval: limits.connectionsCheckingInterval,
  };
}

/**
 * Applies what cannot be passed to the constructor.
 * @param {import("node:http").Server} server
 * @param {import("./server-limits.mjs").ServerLimits} limits
 */
export function applyLimits(server, limits) {
  server.maxConnections = limits.maxConnections;
  server.keepAliveTimeout = limits.keepAliveTimeout;
  server.on("clientError", onClientError);
  return server;
}

/** Node's answers to a broken request (what it sends when nobody listens for "clientError"). */
const ANSWERS = {
  HPE_HEADER_OVERFLOW: "431 Request Header Fields Too Large",
  HPE_CHUNK_EXTENSIONS_OVERFLOW: "413 Payload Too Large",
  ERR_HTTP_REQUEST_TIMEOUT: "408 Request Timeout",
};

/**
 * Node's default handling of a broken request, except for a client that left half-way (the flood
 * releasing its connections): that socket is closed without first writing a 400 nobody reads, which
 * nearly halves what thousands of departing connections cost the worker.
 * @param {Error & { code?: string }} error
 * @param {import("node:stream").Duplex} socket
 */
function onClientError(error, socket) {
  const gone = error.code === "HPE_INVALID_EOF_STATE" || error.code === "ECONNRESET" || error.code === "EPIPE";
  if (!gone && socket.writable && /** @type {{ bytesWritten?: number }} */ (socket).bytesWritten === 0) {
    const status = ANSWERS[/** @type {keyof typeof ANSWERS} */ (error.code)] ?? "400 Bad Request";
    socket.write(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
  }
  socket.destroy();
}
