import { copyFileSync, existsSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { recordAttempt } from "@/lib/progress/attempts";
import type { PublicGradeResult } from "@/lib/grading";
import { saveLessonLab } from "@/lib/progress/lessons";
import { createScratchDatabase, TEST_DATABASE_URL } from "../testing/postgres";
import { createDb, type Db } from "./client";
import { storageFault, storageFaultResponse, withStorageFaults } from "./faults";
import { deploy } from "./migrate/commands";
import { resolveDatabaseTarget } from "./url";

const ROOT = path.resolve(import.meta.dirname, "../..");

const result: PublicGradeResult = {
  challenge: "imperial-airspace",
  passed: false,
  score: 40,
  checks: [],
  errors: [],
  warnings: [],
};
let n = 0;
const attempt = (learnerId = `0b7c3f5e-1d2a-4c8b-9e6f-${String(++n).padStart(12, "0")}`) =>
  ({
    learnerId,
    challengeSlug: "imperial-airspace",
    submission: { journal: [], commands: ["kubectl get pods"] },
    result,
    now: new Date(),
  }) as const;

/** The error a promise rejects with (fails the test if it resolves). */
async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection, but the write was acknowledged");
}

async function status503(error: unknown): Promise<{ status: number; error: string; retryAfter: string | null }> {
  const fault = storageFault(error);
  if (!fault) throw new Error(`not recognised as a storage fault: ${String(error)}`);
  const res = storageFaultResponse(fault);
  return {
    status: res.status,
    error: ((await res.json()) as { error: string }).error,
    retryAfter: res.headers.get("retry-after"),
  };
}

describe("storage faults on SQLite", () => {
  let dir: string;
  let file: string;
  let db: Db;
  const clients: Db[] = [];
  const open = () => {
    const c = createDb(resolveDatabaseTarget(`file:${file}`, dir));
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "policy-lab-faults-"));
    file = path.join(dir, "lab.db");
    await deploy({ root: ROOT, target: resolveDatabaseTarget(`file:${file}`, dir) });
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.$disconnect().catch(() => {})));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("commits with synchronous = FULL, so an acknowledged save survives a power cut", async () => {
    db = open();
    const [row] = await db.$queryRawUnsafe<{ synchronous: bigint | number }[]>("PRAGMA synchronous");
    expect(Number(row?.synchronous)).toBe(2); // FULL
    const [mode] = await db.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
    expect(mode?.journal_mode).toBe("wal");
  });

  it("disk full: the attempt is refused with a 503 that says so, and nothing half-written stays", async () => {
    db = open();
    await recordAttempt(db, attempt());
    const before = await db.challengeAttempt.count();
    const [pages] = await db.$queryRawUnsafe<{ page_count: bigint | number }[]>("PRAGMA page_count");
    // The file may not grow any more: the next page it needs is "the disk is full" (SQLITE_FULL).
    await db.$queryRawUnsafe(`PRAGMA max_page_count = ${Number(pages?.page_count)}`);
    // Rows that need new pages: a command history of 60 KB each.
    const big = { journal: [], commands: ["x".repeat(60_000)] };
    const error = await rejection(
      Promise.all(Array.from({ length: 5 }, () => recordAttempt(db, { ...attempt(), submission: big }))),
    );
    expect(await status503(error)).toMatchObject({
      status: 503,
      error: expect.stringMatching(/disk is full.*nothing was saved/),
    });
    await db.$queryRawUnsafe("PRAGMA max_page_count = 1073741823");
    expect(await db.challengeAttempt.count()).toBe(before);
  });

  it("read-only database: a lab save is refused with a 503", async () => {
    db = open();
    await db.$executeRawUnsafe("PRAGMA query_only = 1");
    const error = await rejection(
      saveLessonLab(db, attempt().learnerId, "first-policy", {
        snapshot: { journal: [], history: [] } as never,
        objectivesMet: [],
        allMet: false,
        now: new Date(),
      }),
    );
    expect(await status503(error)).toMatchObject({ status: 503, error: expect.stringMatching(/read-only/) });
  });

  it("database file deleted while running: detected on the next write, and never replaced by a new empty file", async () => {
    db = open();
    await recordAttempt(db, attempt());
    const backup = `${file}.bak`;
    await db.$executeRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
    copyFileSync(file, backup);
    for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
    try {
      // SQLite itself would write on into the deleted file and report success.
      const error = await rejection(recordAttempt(db, attempt()));
      expect(await status503(error)).toMatchObject({
        status: 503,
        error: expect.stringMatching(/missing or was replaced/),
      });
      // A restarted worker opens the path afresh: it must not create an empty database there.
      const restarted = open();
      expect(await status503(await rejection(restarted.learner.count()))).toMatchObject({
        status: 503,
        error: expect.stringMatching(/missing/),
      });
      expect(existsSync(file)).toBe(false);
    } finally {
      renameSync(backup, file);
    }
  });

  it("database file replaced by another while running: detected as well", async () => {
    db = open();
    await db.learner.count();
    const copy = `${file}.copy`;
    copyFileSync(file, copy);
    renameSync(copy, file);
    expect(await status503(await rejection(db.learner.count()))).toMatchObject({
      status: 503,
      error: expect.stringMatching(/replaced/),
    });
    // The file now at the path is a good database: a fresh connection (a restarted worker) uses it.
    expect(await open().learner.count()).toBeGreaterThanOrEqual(0);
  });

  it("a route wrapped with withStorageFaults answers 503 JSON; other errors still propagate", async () => {
    const gone = await rejection(
      Promise.reject(Object.assign(new Error("database or disk is full"), { code: "SQLITE_FULL" })),
    );
    const res = await withStorageFaults(async () => Promise.reject(gone))();
    expect(res.status).toBe(503);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({ error: expect.stringMatching(/disk is full/) });
    await expect(withStorageFaults(async () => Promise.reject(new Error("a bug")))()).rejects.toThrow("a bug");
  });
});

describe("recognising storage faults from what the drivers report", () => {
  const prisma = (code: string, cause: Record<string, unknown>) =>
    Object.assign(new Error("Invalid invocation"), {
      code,
      meta: { driverAdapterError: { name: "DriverAdapterError", cause } },
    });
  it.each([
    [
      "SQLite full",
      prisma("P2039", { originalCode: "SQLITE_FULL", kind: "sqlite", message: "database or disk is full" }),
      "full",
    ],
    ["SQLite read-only", prisma("P2039", { originalCode: "SQLITE_READONLY", kind: "sqlite" }), "read-only"],
    ["SQLite I/O error", prisma("P2039", { originalCode: "SQLITE_IOERR_WRITE", kind: "sqlite" }), "io"],
    ["SQLite busy", prisma("P1008", { kind: "SocketTimeout" }), "timeout"],
    ["an empty file where the database was", prisma("P2021", { kind: "TableDoesNotExist" }), "missing"],
    [
      "PostgreSQL refused",
      prisma("P1001", { kind: "DatabaseNotReachable", host: "127.0.0.1", port: 1 }),
      "unreachable",
    ],
    ["PostgreSQL disk full", prisma("P2010", { originalCode: "53100", kind: "postgres", code: "53100" }), "full"],
    [
      "PostgreSQL statement timeout",
      prisma("P2010", { originalCode: "57014", kind: "postgres", code: "57014" }),
      "timeout",
    ],
    [
      "PostgreSQL shutting down",
      prisma("P2010", { originalCode: "57P01", kind: "postgres", code: "57P01" }),
      "unreachable",
    ],
    ["PostgreSQL standby", prisma("P2010", { originalCode: "25006", kind: "postgres", code: "25006" }), "read-only"],
    ["pg pool timeout", new Error("timeout exceeded when trying to connect"), "timeout"],
    ["pg query timeout", new Error("Query read timeout"), "timeout"],
  ])("%s", (_name, error, kind) => {
    expect(storageFault(error)?.kind).toBe(kind);
  });

  it.each([
    ["a unique violation", prisma("P2002", { kind: "UniqueConstraintViolation" })],
    ["text jsonb refuses", prisma("P2010", { originalCode: "22P05", kind: "postgres", code: "22P05" })],
    ["a bug", new TypeError("x is undefined")],
  ])("not %s", (_name, error) => {
    expect(storageFault(error)).toBeNull();
  });
});

/** A TCP port nobody listens on. */
async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

/** A relay to PostgreSQL that can stop passing bytes on, like a server that hangs or a network that drops. */
async function stallableProxy(target: URL): Promise<{ port: number; stall: () => void; close: () => Promise<void> }> {
  let stalled = false;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    sockets.add(client).add(upstream);
    client.on("data", (d) => stalled || upstream.write(d));
    upstream.on("data", (d) => stalled || client.write(d));
    const end = () => (client.destroy(), upstream.destroy());
    client.on("error", end).on("close", end);
    upstream.on("error", end).on("close", end);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    port: (server.address() as AddressInfo).port,
    stall: () => void (stalled = true),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}

const SHORT = { connectMs: 500, statementMs: 1000, lockMs: 300, queryMs: 1500 };

describe.skipIf(!TEST_DATABASE_URL)("storage faults on PostgreSQL", () => {
  let scratch: { url: string; drop: () => Promise<void> };
  const clients: Db[] = [];
  const open = (url: string) => {
    const c = createDb(resolveDatabaseTarget(url, ROOT), { pgTimeouts: SHORT });
    clients.push(c);
    return c;
  };
  beforeAll(async () => {
    scratch = await createScratchDatabase("policylab_faults");
    await deploy({ root: ROOT, target: resolveDatabaseTarget(scratch.url, ROOT) });
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.$disconnect().catch(() => {})));
  });
  afterAll(async () => scratch.drop());

  it("unreachable: a 503 with a message, not a hang", async () => {
    const url = new URL(scratch.url);
    url.port = String(await closedPort());
    const error = await rejection(recordAttempt(open(url.toString()), attempt()));
    expect(await status503(error)).toMatchObject({
      status: 503,
      error: expect.stringMatching(/cannot be reached/),
      retryAfter: "5",
    });
  });

  it("a server that accepts connections but never answers: the connection times out", async () => {
    const silent = net.createServer(() => {});
    const held: net.Socket[] = [];
    silent.on("connection", (s) => held.push(s));
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
    const url = new URL(scratch.url);
    url.port = String((silent.address() as AddressInfo).port);
    const t0 = Date.now();
    const error = await rejection(recordAttempt(open(url.toString()), attempt()));
    const elapsed = Date.now() - t0;
    for (const s of held) s.destroy();
    await new Promise((r) => silent.close(r));
    expect(await status503(error)).toMatchObject({ status: 503 });
    // Bounded by the connect timeout (500 ms here, 5 s in the app), far from Node's minutes.
    expect(elapsed).toBeLessThan(10_000);
  });

  it("a server that stops answering mid-connection: the query times out on the client side", async () => {
    const proxy = await stallableProxy(new URL(scratch.url));
    try {
      const url = new URL(scratch.url);
      url.hostname = "127.0.0.1";
      url.port = String(proxy.port);
      const db = open(url.toString());
      await recordAttempt(db, attempt());
      proxy.stall();
      const t0 = Date.now();
      const error = await rejection(recordAttempt(db, attempt()));
      expect(await status503(error)).toMatchObject({
        status: 503,
        error: expect.stringMatching(/did not answer in time|cannot be reached/),
      });
      expect(Date.now() - t0).toBeLessThan(10_000);
    } finally {
      await proxy.close();
    }
  });

  it("a table locked by a stuck writer: the statement gives up after the lock timeout", async () => {
    const locker = new pg.Client({ connectionString: scratch.url });
    await locker.connect();
    try {
      await locker.query('BEGIN; LOCK TABLE "ChallengeAttempt" IN ACCESS EXCLUSIVE MODE');
      const db = open(scratch.url);
      await db.learner.count();
      const error = await rejection(recordAttempt(db, attempt()));
      expect(await status503(error)).toMatchObject({
        status: 503,
        error: expect.stringMatching(/did not answer in time/),
      });
    } finally {
      await locker.query("ROLLBACK").catch(() => {});
      await locker.end();
    }
  });
});
