/**
 * The app's SQLite connection, made safe against a bad day on the disk:
 * - it opens only an existing file (`npm start` migrates before serving): a database file deleted while the
 *   server runs is never silently replaced by a new, empty one when a worker restarts;
 * - after every statement it checks that the file it has open is still the one at its path. SQLite itself
 *   carries on writing into a deleted file (the open descriptor keeps it alive), acknowledging saves that
 *   vanish with the process; here they fail with DatabaseFileGone (→ 503) instead;
 * - commits are durable: see SYNCHRONOUS.
 */
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import {
  DriverAdapterError,
  type SqlDriverAdapter,
  type SqlDriverAdapterFactory,
  type Transaction,
} from "@prisma/driver-adapter-utils";
import { statSync } from "node:fs";
import { DatabaseFileGone } from "./faults";

/**
 * `synchronous = FULL`: in WAL mode SQLite then syncs the log to disk at every commit, so a save the
 * server acknowledged survives a power cut or a kernel crash. NORMAL (the usual WAL pairing) syncs only at
 * checkpoints: still safe against the process crashing, but a power cut can roll back the last commits —
 * saves the learner was told had landed. The cost is one fsync per commit; attempts are written in group
 * commits (lib/progress/batch.ts), so under load one fsync covers many of them.
 */
export const SYNCHRONOUS = "FULL";

/** Waits this long for another writer before failing with SQLITE_BUSY (→ 503 "busy"). */
const BUSY_TIMEOUT_MS = 5000;

type Identity = { readonly dev: number; readonly ino: number };

function identity(file: string): Identity | null {
  const s = statSync(file, { throwIfNoEntry: false });
  return s ? { dev: s.dev, ino: s.ino } : null;
}

/** Throws when the file at `file` is no longer the one opened (`opened`). */
function verify(file: string, opened: Identity): void {
  const now = identity(file);
  if (now === null || now.dev !== opened.dev || now.ino !== opened.ino) {
    const gone = new DatabaseFileGone(file, now === null ? "deleted" : "replaced");
    // As a driver error, so Prisma passes it on like SQLite's own (SQLITE_READONLY_DBMOVED is what
    // SQLite reports for this in rollback-journal mode).
    throw new DriverAdapterError({
      kind: "sqlite",
      extendedCode: 1032,
      message: gone.message,
      originalCode: "SQLITE_READONLY_DBMOVED",
      originalMessage: gone.message,
    });
  }
}

/** A queryable whose every statement is followed by verify(). */
function guarded<Q extends SqlDriverAdapter | Transaction>(target: Q, check: () => void): Q {
  return new Proxy(target, {
    get(obj, prop) {
      const value = Reflect.get(obj, prop) as unknown;
      if (typeof value !== "function") return value;
      if (prop === "queryRaw" || prop === "executeRaw" || prop === "executeScript" || prop === "commit") {
        return async (...args: unknown[]) => {
          const result = await (value as (...a: unknown[]) => Promise<unknown>).apply(obj, args);
          check();
          return result;
        };
      }
      if (prop === "startTransaction") {
        return async (...args: unknown[]) =>
          guarded((await (value as (...a: unknown[]) => Promise<Transaction>).apply(obj, args)) as Transaction, check);
      }
      return (value as (...a: unknown[]) => unknown).bind(obj);
    },
  });
}

/** The app's adapter factory for an SQLite file (the migration script uses the plain one: it creates files). */
export class GuardedSqliteFactory implements SqlDriverAdapterFactory {
  readonly provider = "sqlite" as const;
  readonly adapterName: string;
  private readonly inner: PrismaBetterSqlite3;

  constructor(private readonly file: string) {
    this.inner = new PrismaBetterSqlite3({ url: file, timeout: BUSY_TIMEOUT_MS, fileMustExist: true });
    this.adapterName = this.inner.adapterName;
  }

  async connect(): Promise<SqlDriverAdapter> {
    let adapter: SqlDriverAdapter;
    try {
      adapter = await this.inner.connect();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (typeof code !== "string") throw error;
      // better-sqlite3's own error, thrown before any query: hand it to Prisma as a driver error so it
      // keeps its code (SQLITE_CANTOPEN for a missing file).
      const message = (error as Error).message;
      throw new DriverAdapterError({
        kind: "sqlite",
        extendedCode: 14,
        message: `${message} (${this.file})`,
        originalCode: code,
        originalMessage: message,
      });
    }
    const opened = identity(this.file);
    if (opened === null) {
      await adapter.dispose();
      verify(this.file, { dev: -1, ino: -1 });
    }
    await adapter.executeScript(`PRAGMA synchronous = ${SYNCHRONOUS};`);
    return guarded(adapter, () => verify(this.file, opened as Identity));
  }
}
