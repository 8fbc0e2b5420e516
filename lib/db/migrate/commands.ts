/**
 * Our `prisma migrate` for machines without Prisma's native schema engine: deploy, dev, status and reset,
 * run through the wasm schema engine and the same driver adapter the app uses. The migrations folder it
 * reads and writes is byte-compatible with `prisma migrate deploy`.
 */
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { createAdapterFactory, createPgPool } from "../adapter";
import { PRISMA_LAYOUT, type DatabaseTarget } from "../url";
import { readMigrations, writeMigration } from "./migrations-dir";
import { openSchemaEngine } from "./wasm-engine";

export type MigrateContext = {
  /** Project root: where prisma/ lives. */
  readonly root: string;
  readonly target: DatabaseTarget;
  readonly log?: (line: string) => void;
};

export type MigrationStatus =
  | { readonly state: "up-to-date"; readonly applied: number }
  | { readonly state: "pending"; readonly pending: readonly string[] }
  | { readonly state: "drift"; readonly detail: string };

const NO_FILTER = { externalTables: [], externalEnums: [] };

function layoutOf(ctx: MigrateContext) {
  const layout = PRISMA_LAYOUT[ctx.target.provider];
  const schemaPath = path.join(ctx.root, layout.schema);
  return {
    schema: { path: schemaPath, content: readFileSync(schemaPath, "utf8") },
    migrationsDir: path.join(ctx.root, layout.migrations),
  };
}

/**
 * The PostgreSQL shadow database, made and dropped by us: adapter-pg's own `connectToShadowDb()` with a
 * connection string connects to the main database and drops its temporary one too early (Prisma 7.10.0).
 */
function withPgShadow(url: string, factory: SqlMigrationAwareDriverAdapterFactory) {
  const created: { name: string; adapter: SqlDriverAdapter }[] = [];
  const admin = async <T>(fn: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  };
  const wrapped: SqlMigrationAwareDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: () => factory.connect(),
    connectToShadowDb: async () => {
      const name = `prisma_shadow_${process.pid}_${created.length}_${Math.floor(performance.now())}`;
      await admin((c) => c.query(`CREATE DATABASE "${name}"`));
      const shadowUrl = new URL(url);
      shadowUrl.pathname = `/${name}`;
      const adapter = await createAdapterFactory({ provider: "postgresql", url: shadowUrl.toString() }).connect();
      created.push({ name, adapter });
      return adapter;
    },
  };
  const cleanup = async () => {
    for (const { name, adapter } of created.splice(0)) {
      await adapter.dispose().catch(() => {});
      await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    }
  };
  return { factory: wrapped, cleanup };
}

/** Runs `fn` with an engine over the context's database and always releases connections afterwards. */
async function withEngine<T>(ctx: MigrateContext, fn: (engine: SchemaEngine, migrationsDir: string) => Promise<T>) {
  const { schema, migrationsDir } = layoutOf(ctx);
  const base =
    ctx.target.provider === "postgresql"
      ? createAdapterFactory(ctx.target, { pool: createPgPool(ctx.target.url, 2) })
      : createAdapterFactory(ctx.target);
  const shadow = ctx.target.provider === "postgresql" ? withPgShadow(ctx.target.url, base) : undefined;
  const open = await openSchemaEngine(shadow?.factory ?? base, schema, (line) => ctx.log?.(line));
  try {
    return await fn(open.engine, migrationsDir);
  } finally {
    await open.close();
    await shadow?.cleanup();
  }
}

/** True for the engine's P1014 ("table does not exist"), which it raises on a database never migrated. */
function isMissingMigrationsTable(error: unknown): boolean {
  const text = `${(error as { code?: string })?.code ?? ""} ${String((error as Error)?.message ?? error)}`;
  return /P1014|_prisma_migrations/.test(text);
}

/** Applies every pending migration; returns the names applied now. */
export async function deploy(ctx: MigrateContext): Promise<string[]> {
  const applied = await withEngine(ctx, async (engine, dir) => {
    const out = await engine.applyMigrations({ migrationsList: readMigrations(dir), filters: NO_FILTER });
    return out.appliedMigrationNames;
  });
  if (ctx.target.provider === "sqlite") {
    // Write-ahead logging lets readers and one writer work at once (many learners grading on one file);
    // the mode is stored in the database file, so setting it here once is enough.
    const file = new Database(ctx.target.file);
    try {
      file.pragma("journal_mode = WAL");
    } finally {
      file.close();
    }
  }
  return applied;
}

/** Compares the database with the migrations folder without changing either. */
export async function status(ctx: MigrateContext): Promise<MigrationStatus> {
  return withEngine(ctx, async (engine, dir) => {
    const list = readMigrations(dir);
    try {
      const out = await engine.diagnoseMigrationHistory({
        migrationsList: list,
        optInToShadowDatabase: false,
        filters: NO_FILTER,
      });
      if (out.failedMigrationNames.length > 0)
        return { state: "drift", detail: `failed: ${out.failedMigrationNames.join(", ")}` };
      if (out.editedMigrationNames.length > 0)
        return { state: "drift", detail: `edited after apply: ${out.editedMigrationNames.join(", ")}` };
      const history = out.history;
      if (history === null) return { state: "up-to-date", applied: list.migrationDirectories.length };
      if (history.diagnostic === "databaseIsBehind")
        return { state: "pending", pending: history.unappliedMigrationNames };
      return { state: "drift", detail: JSON.stringify(history) };
    } catch (error) {
      // An empty database has no _prisma_migrations table yet: everything is pending.
      if (isMissingMigrationsTable(error)) {
        return { state: "pending", pending: list.migrationDirectories.map((m) => m.path) };
      }
      throw error;
    }
  });
}

export type DevResult =
  | { readonly kind: "created"; readonly name: string; readonly dir: string; readonly warnings: readonly string[] }
  | { readonly kind: "no-changes" }
  | { readonly kind: "needs-reset"; readonly reason: string };

/** `migrate dev --name X`: applies pending migrations, then writes and applies a migration for the schema's changes. */
export async function dev(ctx: MigrateContext, migrationName: string): Promise<DevResult> {
  return withEngine(ctx, async (engine, dir) => {
    // devDiagnostic throws P1014 on a database that was never migrated: apply first, then ask.
    await engine.applyMigrations({ migrationsList: readMigrations(dir), filters: NO_FILTER });
    const diagnostic = await engine.devDiagnostic({ migrationsList: readMigrations(dir), filters: NO_FILTER });
    if (diagnostic.action.tag === "reset") return { kind: "needs-reset", reason: diagnostic.action.reason };
    const schema = layoutOf(ctx).schema;
    const loss = await engine.evaluateDataLoss({
      migrationsList: readMigrations(dir),
      schema: { files: [schema] },
      filters: NO_FILTER,
    });
    if (loss.unexecutableSteps.length > 0) {
      return { kind: "needs-reset", reason: loss.unexecutableSteps.map((s) => s.message).join("\n") };
    }
    const created = await engine.createMigration({
      draft: false,
      migrationName,
      migrationsList: readMigrations(dir),
      schema: { files: [schema] },
      filters: NO_FILTER,
    });
    if (created.migrationScript === null) return { kind: "no-changes" };
    const written = writeMigration(dir, {
      name: created.generatedMigrationName,
      extension: created.extension,
      script: created.migrationScript,
      connectorType: created.connectorType,
    });
    await engine.applyMigrations({ migrationsList: readMigrations(dir), filters: NO_FILTER });
    return {
      kind: "created",
      name: created.generatedMigrationName,
      dir: written,
      warnings: loss.warnings.map((w) => w.message),
    };
  });
}

/** Drops everything. SQLite: the engine's reset leaves tables behind, so delete the file, as native Prisma does. */
export async function reset(ctx: MigrateContext): Promise<void> {
  if (ctx.target.provider === "sqlite") {
    for (const suffix of ["", "-wal", "-shm", "-journal"]) {
      const file = ctx.target.file + suffix;
      if (existsSync(file)) rmSync(file);
    }
    return;
  }
  await withEngine(ctx, (engine) => engine.reset({ filter: NO_FILTER }));
}
