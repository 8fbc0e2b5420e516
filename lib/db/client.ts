/**
 * The one place that constructs PrismaClient. The provider follows DATABASE_URL (lib/db/url.ts); both
 * generated clients expose the same models, so the rest of the app sees one type, `Db`.
 * App code imports `@/lib/db` (server-only); scripts and tests may import this file directly.
 */
import { PrismaClient as PostgresClient } from "./generated/postgresql/client";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client";
import { createAdapterFactory, type PgTimeouts } from "./adapter";
import { GuardedSqliteFactory } from "./sqlite-guard";
import { resolveDatabaseTarget, type DatabaseTarget } from "./url";

export type Db = InstanceType<typeof SqliteClient>;
export { Prisma } from "./generated/sqlite/client";
export type { ChallengeAttempt, Learner, LessonProgress } from "./generated/sqlite/client";

/**
 * A new client for a target (an SQLite file must exist: migrate first). Most code wants `db()` instead.
 * `pgTimeouts` shortens PostgreSQL's waits (tests of a stalled server).
 */
export function createDb(target: DatabaseTarget, options: { pgTimeouts?: PgTimeouts } = {}): Db {
  if (target.provider === "postgresql") {
    const adapter = createAdapterFactory(target, options);
    // Same models, same generated API: only the provider differs.
    return new PostgresClient({ adapter: adapter as never }) as unknown as Db;
  }
  return new SqliteClient({ adapter: new GuardedSqliteFactory(target.file) as never });
}

const cache = globalThis as unknown as { __policyLabDb?: { url: string; db: Db } };

/** The process-wide client for DATABASE_URL, cached on globalThis so dev reloads don't leak connections. */
export function db(): Db {
  const target = resolveDatabaseTarget(process.env.DATABASE_URL, process.cwd());
  if (cache.__policyLabDb?.url !== target.url) {
    cache.__policyLabDb = { url: target.url, db: createDb(target) };
  }
  return cache.__policyLabDb.db;
}
