/**
 * Which database Policy Lab talks to, decided once from DATABASE_URL:
 * unset or `file:` → the embedded SQLite file (zero set-up); `postgres://` / `postgresql://` → PostgreSQL.
 * Shared by the app (lib/db), prisma.config.ts and the migration script so that all three agree.
 */
import path from "node:path";

export type DatabaseTarget =
  | { readonly provider: "sqlite"; readonly url: string; readonly file: string }
  | { readonly provider: "postgresql"; readonly url: string };

/** The default database when DATABASE_URL is unset: a file under ./data, created on first start. */
export const DEFAULT_SQLITE_URL = "file:./data/policy-lab.db";

/**
 * Parses a database URL. Relative `file:` paths resolve against `baseDir` (the project root, where
 * prisma.config.ts lives — Prisma 7 resolves them against the config file's folder too).
 */
export function resolveDatabaseTarget(raw: string | undefined, baseDir: string): DatabaseTarget {
  const url = raw === undefined || raw.trim() === "" ? DEFAULT_SQLITE_URL : raw.trim();
  if (url.startsWith("file:")) {
    const rest = url.slice("file:".length).replace(/^\/\/(?=\/)/, "");
    const filePart = rest.split("?")[0] ?? "";
    if (filePart === "") throw new Error(`DATABASE_URL "${url}" names no file`);
    const file = path.isAbsolute(filePart) ? filePart : path.resolve(baseDir, filePart);
    return { provider: "sqlite", url: `file:${file}`, file };
  }
  if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
    return { provider: "postgresql", url };
  }
  throw new Error(`DATABASE_URL must start with file:, postgres:// or postgresql:// (got "${url.split(":")[0]}:…")`);
}

/** Where each provider's schema and migrations live, relative to the project root. */
export const PRISMA_LAYOUT = {
  sqlite: { schema: "prisma/schema.prisma", migrations: "prisma/migrations" },
  postgresql: { schema: "prisma/postgresql/schema.prisma", migrations: "prisma/postgresql/migrations" },
} as const;
