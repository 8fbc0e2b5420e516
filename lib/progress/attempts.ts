import "server-only";
/**
 * Challenge attempts in the database: record a graded attempt, summarise a learner's attempts, and the
 * per-learner rate limit. The limit is derived from the stored attempts (attempts in the last window), so
 * it holds across any number of app instances sharing the database; no process keeps state for it.
 * Concurrent rate-limit reads and inserts are grouped into one query each (batch.ts).
 */
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { isStorageFault } from "@/lib/db/faults";
import { batcherFor, MicroBatcher } from "./batch";
import { capResult } from "./result-cap";
import type { HiddenWrongFlow, PublicGradeResult } from "@/lib/grading";
import { ensureLearners } from "./learners";
import type { StoredSubmission } from "@/lib/http/requests";

export interface RateLimit {
  /** Attempts allowed per learner per window. */
  readonly max: number;
  readonly windowMs: number;
}

/** 20 graded attempts per minute per learner (POLICY_LAB_ATTEMPTS_PER_MINUTE overrides the count). */
export function rateLimitFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): RateLimit {
  const n = Number(env.POLICY_LAB_ATTEMPTS_PER_MINUTE);
  return { max: Number.isInteger(n) && n > 0 ? n : 20, windowMs: 60_000 };
}

export type RateDecision = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

interface RateQuery {
  readonly learnerId: string;
  readonly now: Date;
  readonly limit: RateLimit;
}

/** Decides one learner's request from their attempts in the window, newest first. */
function decide(q: RateQuery, newestFirst: readonly Date[]): RateDecision {
  const since = q.now.getTime() - q.limit.windowMs;
  const recent = newestFirst.filter((d) => d.getTime() > since).slice(0, q.limit.max);
  if (recent.length < q.limit.max) return { allowed: true };
  const oldest = recent[recent.length - 1] as Date;
  return {
    allowed: false,
    retryAfterSeconds: Math.max(1, Math.ceil((oldest.getTime() + q.limit.windowMs - q.now.getTime()) / 1000)),
  };
}

/** One query for a whole batch of learners: their attempts since the earliest window start. */
async function rateBatch(db: Db, queries: readonly RateQuery[]): Promise<RateDecision[]> {
  const since = new Date(Math.min(...queries.map((q) => q.now.getTime() - q.limit.windowMs)));
  const rows = await db.challengeAttempt.findMany({
    where: { learnerId: { in: [...new Set(queries.map((q) => q.learnerId))] }, createdAt: { gt: since } },
    select: { learnerId: true, createdAt: true },
    orderBy: { createdAt: "desc" },
  });
  const byLearner = new Map<string, Date[]>();
  for (const r of rows) {
    const list = byLearner.get(r.learnerId);
    if (list) list.push(r.createdAt);
    else byLearner.set(r.learnerId, [r.createdAt]);
  }
  return queries.map((q) => decide(q, byLearner.get(q.learnerId) ?? []));
}

const rateBatchers = new WeakMap<Db, MicroBatcher<RateQuery, RateDecision>>();

/**
 * The learner's attempts inside the window (indexed on learnerId): with `max` of them, the oldest decides
 * when a slot frees up. Concurrent requests of one learner may overshoot by the number in flight; the limit
 * is there to keep grading cheap, not to count exactly.
 */
export function checkRateLimit(db: Db, learnerId: string, now: Date, limit: RateLimit): Promise<RateDecision> {
  return batcherFor(rateBatchers, db, () => new MicroBatcher((qs: readonly RateQuery[]) => rateBatch(db, qs))).push({
    learnerId,
    now,
    limit,
  });
}

export interface NewAttempt {
  readonly learnerId: string;
  readonly challengeSlug: string;
  readonly submission: StoredSubmission;
  /** The redacted grade: what the learner was told. */
  readonly result: PublicGradeResult;
  /** The flows the hidden checks got wrong: for the workshop's hosts, never sent to the learner. */
  readonly hiddenFlows?: readonly HiddenWrongFlow[];
  readonly now: Date;
}

export interface AttemptRecord {
  readonly id: string;
  readonly createdAt: Date;
  readonly score: number;
  readonly passed: boolean;
}

/** A stored attempt as recordAttempt returns it: with the result as stored (capped, see result-cap.ts). */
export interface RecordedAttempt extends AttemptRecord {
  readonly result: PublicGradeResult;
}

/** Prisma's foreign-key violation: a learner row does not exist yet. */
const isMissingLearner = (error: unknown): boolean => (error as { code?: string } | null)?.code === "P2003";

type AttemptRow = {
  id: string;
  learnerId: string;
  challengeSlug: string;
  submission: object;
  result: object;
  hiddenFlows?: object;
  score: number;
  passed: boolean;
  createdAt: Date;
};

/** One INSERT for a batch (a single row uses `create`: measured cheaper than createMany on SQLite). */
async function insertRows(db: Db, rows: readonly AttemptRow[]): Promise<void> {
  if (rows.length === 1) await db.challengeAttempt.create({ data: rows[0] as AttemptRow, select: { id: true } });
  else await db.challengeAttempt.createMany({ data: [...rows] });
}

/**
 * Learners this process has already seen in the database. Only a hint: a stale entry (a learner deleted by
 * "start over" elsewhere) makes the insert fail on the foreign key, and the fallback below repairs it.
 * It spares the common case a failed INSERT and its retry, which cost more than the row itself.
 */
const knownLearners = new Set<string>();
const KNOWN_MAX = 50_000;

function remember(ids: readonly string[]): void {
  if (knownLearners.size > KNOWN_MAX) knownLearners.clear();
  for (const id of ids) knownLearners.add(id);
}

/** Creates missing learner rows first (in two queries for the batch), then inserts the attempts in one. */
async function insertBatch(db: Db, rows: readonly AttemptRow[]): Promise<void[]> {
  const ids = rows.map((r) => r.learnerId);
  const unknown = ids.filter((id) => !knownLearners.has(id));
  if (unknown.length > 0) await ensureLearners(db, unknown);
  try {
    await insertRows(db, rows);
  } catch (error) {
    if (!isMissingLearner(error)) throw error;
    knownLearners.clear();
    await ensureLearners(db, ids);
    await insertRows(db, rows);
  }
  remember(ids);
  return rows.map(() => undefined);
}

const insertBatchers = new WeakMap<Db, MicroBatcher<AttemptRow, void>>();

/**
 * The batch writer for a client. The batch is one INSERT (atomic: it stores all rows or none), so when the
 * database refuses it each row is retried alone and only the row it refuses fails — one learner's text that
 * PostgreSQL cannot store (`\u0000` in jsonb) must not fail the attempts of everyone batched with it. When
 * the database itself fails (disk full, unreachable), retrying row by row would only repeat the failure.
 */
function insertBatcher(db: Db): MicroBatcher<AttemptRow, void> {
  return batcherFor(
    insertBatchers,
    db,
    () =>
      new MicroBatcher((rows: readonly AttemptRow[]) => insertBatch(db, rows), {
        single: async (row) => void (await insertBatch(db, [row])),
        isShared: isStorageFault,
      }),
  );
}

/** Stores a graded attempt (creating the learner row on their first attempt). */
export async function recordAttempt(db: Db, a: NewAttempt): Promise<RecordedAttempt> {
  const result = capResult(a.result);
  const row: AttemptRow = {
    id: randomUUID(),
    learnerId: a.learnerId,
    challengeSlug: a.challengeSlug,
    submission: a.submission as object,
    result: result as unknown as object,
    ...(a.hiddenFlows && a.hiddenFlows.length > 0 ? { hiddenFlows: a.hiddenFlows as unknown as object } : {}),
    score: result.score,
    passed: result.passed,
    createdAt: a.now,
  };
  await insertBatcher(db).push(row);
  return { id: row.id, createdAt: row.createdAt, score: row.score, passed: row.passed, result };
}

export interface AttemptsSummary {
  readonly attempts: number;
  readonly bestScore: number;
  /** Some attempt passed. */
  readonly passed: boolean;
  readonly last: (AttemptRecord & { readonly result: PublicGradeResult }) | null;
}

/** A learner's attempts at one challenge: count, best score, ever passed, and the latest result. */
export async function attemptsSummary(db: Db, learnerId: string, challengeSlug: string): Promise<AttemptsSummary> {
  const where = { learnerId, challengeSlug };
  const [agg, last, passedOnce] = await Promise.all([
    db.challengeAttempt.aggregate({ where, _count: { _all: true }, _max: { score: true } }),
    db.challengeAttempt.findFirst({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { id: true, createdAt: true, score: true, passed: true, result: true },
    }),
    db.challengeAttempt.findFirst({ where: { ...where, passed: true }, select: { id: true } }),
  ]);
  return {
    attempts: agg._count._all,
    bestScore: agg._max.score ?? 0,
    passed: passedOnce !== null,
    last: last
      ? {
          id: last.id,
          createdAt: last.createdAt,
          score: last.score,
          passed: last.passed,
          result: last.result as unknown as PublicGradeResult,
        }
      : null,
  };
}
