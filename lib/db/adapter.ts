/**
 * Builds the Prisma driver adapter for a database target. Used by the app's PrismaClient and by the
 * migration script, so both talk to the database the same way. No `server-only` import: scripts use it too.
 */
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { mkdirSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import type { DatabaseTarget } from "./url";

/** PostgreSQL's internal single-byte `"char"` type; catalogue queries (pg_class.relkind…) return it. */
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

/**
 * Bounds on every wait for PostgreSQL, so that a stalled or unreachable server fails a request with a 503
 * in seconds (lib/db/faults.ts) instead of holding it, and a pool slot, for minutes.
 */
export interface PgTimeouts {
  /** Opening a connection, or waiting for a free one in the pool. */
  readonly connectMs: number;
  /** Server side: a statement running longer is cancelled (SQLSTATE 57014). */
  readonly statementMs: number;
  /** Server side: waiting for a row or table lock (55P03); shorter, since a lock wait is usually a stuck writer. */
  readonly lockMs: number;
  /** Client side: no answer at all (a server that stopped responding cannot cancel anything itself). */
  readonly queryMs: number;
}

export const PG_TIMEOUTS: PgTimeouts = { connectMs: 5_000, statementMs: 10_000, lockMs: 5_000, queryMs: 15_000 };

/**
 * A pg pool with PG_TIMEOUTS whose results report `"char"` columns as text. adapter-pg cannot map oid 18
 * to a column type and fails the schema engine's catalogue queries (measured with Prisma 7.10.0); the
 * values are plain strings either way.
 */
export function createPgPool(url: string, max = 10, timeouts: PgTimeouts = PG_TIMEOUTS): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    connectionTimeoutMillis: timeouts.connectMs,
    statement_timeout: timeouts.statementMs,
    lock_timeout: timeouts.lockMs,
    query_timeout: timeouts.queryMs,
    // A transaction left open (a request that died half-way) must not hold its locks for ever.
    idle_in_transaction_session_timeout: 4 * timeouts.statementMs,
    // Notices a peer that vanished without closing the connection (a network cut), instead of waiting on it.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  });
  // An idle client whose connection dies (a server restart) emits "error" on the pool: without a
  // listener that would crash the process. The next query opens a new connection, or fails with a 503.
  pool.on("error", (error) => console.error("policy-lab: an idle PostgreSQL connection failed:", error.message));
  // adapter-pg queries through Pool#query (promise form), so that is where results are mended.
  const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  (pool as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const result = query(...args);
    if (!(result instanceof Promise)) return result;
    return result.then((res: pg.QueryResult) => {
      for (const field of res?.fields ?? []) {
        if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
      }
      return res;
    });
  };
  return pool;
}

export type AdapterFactory = PrismaBetterSqlite3 | PrismaPg;

/**
 * The adapter factory for a target; SQLite's folder and file are created on first use (what migrations
 * need; the app opens SQLite through lib/db/sqlite-guard.ts, which never creates a file).
 */
export function createAdapterFactory(
  target: DatabaseTarget,
  options: { pool?: pg.Pool; pgTimeouts?: PgTimeouts } = {},
): AdapterFactory {
  switch (target.provider) {
    case "sqlite":
      mkdirSync(path.dirname(target.file), { recursive: true });
      // Wait for a writer instead of failing with SQLITE_BUSY when several requests write at once.
      return new PrismaBetterSqlite3({ url: target.file, timeout: 5000 });
    case "postgresql":
      return new PrismaPg(options.pool ?? createPgPool(target.url, 10, options.pgTimeouts), {
        disposeExternalPool: true,
      });
  }
}
