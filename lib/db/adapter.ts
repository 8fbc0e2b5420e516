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
 * A pg pool whose results report `"char"` columns as text. adapter-pg cannot map oid 18 to a column type
 * and fails the schema engine's catalogue queries (measured with Prisma 7.10.0); the values are plain
 * strings either way.
 */
export function createPgPool(url: string, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max });
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

/** The adapter factory for a target; SQLite's folder is created on first use. */
export function createAdapterFactory(target: DatabaseTarget, options: { pool?: pg.Pool } = {}): AdapterFactory {
  switch (target.provider) {
    case "sqlite":
      mkdirSync(path.dirname(target.file), { recursive: true });
      // Wait for a writer instead of failing with SQLITE_BUSY when several requests write at once.
      return new PrismaBetterSqlite3({ url: target.file, timeout: 5000 });
    case "postgresql":
      return new PrismaPg(options.pool ?? createPgPool(target.url), { disposeExternalPool: true });
  }
}
