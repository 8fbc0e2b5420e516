/**
 * Storage faults: the database failed, not the request. Each one is answered 503 with a message that says
 * the work was not saved — never a 2xx for a write that did not land, and never an empty 500 (issue 10).
 * Recognised from what the drivers report through Prisma (SQLite result codes, PostgreSQL SQLSTATEs, the
 * adapters' error kinds, Node's socket errors) and from DatabaseFileGone (lib/db/sqlite-guard.ts).
 */

export type StorageFaultKind = "full" | "read-only" | "missing" | "unreachable" | "timeout" | "busy" | "io";

export interface StorageFault {
  readonly kind: StorageFaultKind;
  /** For the learner: what happened and that nothing was saved. */
  readonly message: string;
  /** Seconds after which trying again may help; absent when it needs an operator. */
  readonly retryAfterSeconds?: number;
}

const MESSAGES: Record<StorageFaultKind, Omit<StorageFault, "kind">> = {
  full: {
    message: "the server's disk is full, so nothing was saved; try again later (an operator needs to free space)",
  },
  "read-only": {
    message: "the database is read-only, so nothing was saved; an operator needs to make it writable again",
  },
  missing: {
    message:
      "the database is missing or was replaced while the server ran, so nothing was saved; an operator needs to restore it and restart the server",
  },
  unreachable: {
    message: "the database cannot be reached, so nothing was saved; try again in a moment",
    retryAfterSeconds: 5,
  },
  timeout: {
    message: "the database did not answer in time, so the request was abandoned; try again in a moment",
    retryAfterSeconds: 5,
  },
  busy: { message: "the database is busy, so nothing was saved; try again in a moment", retryAfterSeconds: 2 },
  io: {
    message:
      "the database could not read or write its files, so nothing was saved; an operator needs to check the disk",
  },
};

/** Thrown when the SQLite file this process opened is no longer the one at its path (deleted or replaced). */
export class DatabaseFileGone extends Error {
  override readonly name = "DatabaseFileGone";
  constructor(
    readonly file: string,
    readonly reason: "deleted" | "replaced",
  ) {
    super(`the database file ${file} was ${reason} while the server was running`);
  }
}

/** SQLite primary result codes (the extended ones start with these names, e.g. SQLITE_IOERR_WRITE). */
const SQLITE: readonly (readonly [RegExp, StorageFaultKind])[] = [
  // The file was moved or deleted under an open connection (SQLite's code, and sqlite-guard.ts's).
  [/^SQLITE_READONLY_DBMOVED/, "missing"],
  [/^SQLITE_FULL/, "full"],
  [/^SQLITE_READONLY/, "read-only"],
  [/^SQLITE_CANTOPEN|^SQLITE_NOTADB/, "missing"],
  [/^SQLITE_BUSY|^SQLITE_LOCKED/, "busy"],
  [/^SQLITE_IOERR|^SQLITE_CORRUPT|^SQLITE_PROTOCOL/, "io"],
];

/** PostgreSQL SQLSTATEs (classes 08, 53, 57, 58 and a few single codes). */
function postgresKind(code: string): StorageFaultKind | null {
  if (code === "53100") return "full"; // disk_full
  if (code === "25006") return "read-only"; // read_only_sql_transaction (a standby, default_transaction_read_only)
  if (code === "57014" || code === "55P03") return "timeout"; // statement timeout, lock_not_available (lock_timeout)
  if (code === "3D000" || code === "42P01") return "missing"; // database / table does not exist
  if (code === "53300" || code === "53400") return "busy"; // too many connections, configuration limit
  if (code.startsWith("08") || code.startsWith("57P")) return "unreachable"; // connection exception, shutdown
  if (code.startsWith("53") || code.startsWith("58")) return "io"; // insufficient resources, system error
  return null;
}

/** Prisma's own codes for a database it cannot use. */
const PRISMA: Readonly<Record<string, StorageFaultKind>> = {
  P1001: "unreachable", // can't reach database server
  P1002: "timeout", // reached but timed out
  P1003: "missing", // database does not exist
  P1008: "timeout", // operations timed out
  P1017: "unreachable", // server closed the connection
  P2021: "missing", // table does not exist: an empty file where the database was
  P2024: "timeout", // timed out fetching a connection from the pool
  P2037: "busy", // too many connections
};

/** Adapter error kinds (@prisma/driver-adapter-utils) that mean the database, not the query. */
const ADAPTER_KINDS: Readonly<Record<string, StorageFaultKind>> = {
  DatabaseNotReachable: "unreachable",
  DatabaseDoesNotExist: "missing",
  TableDoesNotExist: "missing",
  SocketTimeout: "timeout",
  TooManyConnections: "busy",
  ConnectionClosed: "unreachable",
  TransactionAlreadyClosed: "timeout",
};

/** Node socket errors and the pg pool's own timeouts. */
const NODE: readonly (readonly [RegExp, StorageFaultKind])[] = [
  [/^(ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|EPIPE)$/, "unreachable"],
  [/^ETIMEDOUT$/, "timeout"],
  [/^ENOSPC$/, "full"],
  [/^EROFS$/, "read-only"],
];
const TIMEOUT_TEXT =
  /timeout exceeded when trying to connect|Connection terminated due to connection timeout|Query read timeout|timed out/i;
const UNREACHABLE_TEXT =
  /Connection terminated unexpectedly|Can't reach database server|Client has encountered a connection error/i;

type Loose = {
  code?: unknown;
  kind?: unknown;
  originalCode?: unknown;
  message?: unknown;
  name?: unknown;
  meta?: unknown;
  cause?: unknown;
};

/** Every error-like object in the chain: the error, Prisma's driverAdapterError and its cause, `cause`s. */
function chain(error: unknown): Loose[] {
  const out: Loose[] = [];
  const seen = new Set<unknown>();
  const visit = (e: unknown, depth: number) => {
    if (typeof e !== "object" || e === null || seen.has(e) || depth > 5) return;
    seen.add(e);
    const l = e as Loose;
    out.push(l);
    const meta = l.meta as { driverAdapterError?: unknown } | undefined;
    visit(meta?.driverAdapterError, depth + 1);
    visit(l.cause, depth + 1);
  };
  visit(error, 0);
  return out;
}

function kindOf(e: Loose): StorageFaultKind | null {
  if (e instanceof DatabaseFileGone || e.name === "DatabaseFileGone") return "missing";
  const codes = [e.originalCode, e.code].filter((c): c is string => typeof c === "string");
  for (const code of codes) {
    for (const [pattern, kind] of SQLITE) if (pattern.test(code)) return kind;
    if (/^[0-9A-Z]{5}$/.test(code) && !code.startsWith("P")) {
      const kind = postgresKind(code);
      if (kind) return kind;
    }
    const prisma = PRISMA[code];
    if (prisma) return prisma;
    for (const [pattern, kind] of NODE) if (pattern.test(code)) return kind;
  }
  if (typeof e.kind === "string" && ADAPTER_KINDS[e.kind]) return ADAPTER_KINDS[e.kind] ?? null;
  return null;
}

/** The storage fault behind an error, or null when the error is something else (a bug, a bad row). */
export function storageFault(error: unknown): StorageFault | null {
  const links = chain(error);
  for (const link of links) {
    const kind = kindOf(link);
    if (kind) return { kind, ...MESSAGES[kind] };
  }
  // Last: messages, for errors that carry no code (the pg pool's timeouts, a dropped connection).
  for (const link of links) {
    const text = typeof link.message === "string" ? link.message : "";
    if (TIMEOUT_TEXT.test(text)) return { kind: "timeout", ...MESSAGES.timeout };
    if (UNREACHABLE_TEXT.test(text)) return { kind: "unreachable", ...MESSAGES.unreachable };
  }
  return null;
}

export const isStorageFault = (error: unknown): boolean => storageFault(error) !== null;

/** One line for the operator's log: the driver's own words, without Prisma's call-site excerpt. */
export function faultLogLine(fault: StorageFault, error: unknown): string {
  const links = chain(error);
  const texts = links
    .flatMap((l) => [(l.cause as Loose | undefined)?.message, l.message])
    .filter((t): t is string => typeof t === "string" && t.trim() !== "");
  const driver = texts.find((t) => !t.includes("invocation")) ?? texts[0] ?? String(error);
  return `policy-lab: storage fault (${fault.kind}): ${driver.trim().split("\n").at(-1)}`;
}

/** The 503 for a storage fault: JSON `{ error }` like every API error, never cached, with Retry-After when it may help. */
export function storageFaultResponse(fault: StorageFault): Response {
  const headers: Record<string, string> = { "cache-control": "no-store" };
  if (fault.retryAfterSeconds !== undefined) headers["retry-after"] = String(fault.retryAfterSeconds);
  return Response.json({ error: fault.message }, { status: 503, headers });
}

/**
 * Wraps a route handler: a storage fault becomes a 503 with its message (logged once, with the cause, for
 * the operator); any other error propagates as before.
 */
export function withStorageFaults<A extends unknown[]>(
  handler: (...args: A) => Promise<Response>,
): (...args: A) => Promise<Response> {
  return async (...args: A) => {
    try {
      return await handler(...args);
    } catch (error) {
      const fault = storageFault(error);
      if (!fault) throw error;
      console.error(faultLogLine(fault, error));
      return storageFaultResponse(fault);
    }
  };
}
