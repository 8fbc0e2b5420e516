import "server-only";
/** What the catalogue shows per lesson and challenge for one learner. */
import type { Db } from "@/lib/db/client";

export type ItemStatus = "not-started" | "in-progress" | "complete";

export type LessonSummary = { readonly status: ItemStatus; readonly objectivesMet: number };
export type ChallengeSummary = {
  readonly status: ItemStatus;
  readonly attempts: number;
  readonly bestScore: number;
};

export type ProgressSummary = {
  readonly lessons: Readonly<Record<string, LessonSummary>>;
  readonly challenges: Readonly<Record<string, ChallengeSummary>>;
};

function countNames(value: unknown): number {
  return Array.isArray(value) ? value.length : 0;
}

/** One query per kind, whatever the size of the catalogue. */
export async function progressSummary(db: Db, learnerId: string): Promise<ProgressSummary> {
  const [lessonRows, attemptRows, passedRows, labRows] = await Promise.all([
    db.lessonProgress.findMany({
      where: { learnerId },
      select: { lessonSlug: true, objectivesMet: true, completedAt: true },
    }),
    db.challengeAttempt.groupBy({
      by: ["challengeSlug"],
      where: { learnerId },
      _count: { _all: true },
      _max: { score: true },
    }),
    db.challengeAttempt.findMany({
      where: { learnerId, passed: true },
      select: { challengeSlug: true },
      distinct: ["challengeSlug"],
    }),
    db.challengeLab.findMany({ where: { learnerId }, select: { challengeSlug: true } }),
  ]);
  const passed = new Set(passedRows.map((r) => r.challengeSlug));
  const lessons: Record<string, LessonSummary> = {};
  for (const row of lessonRows) {
    lessons[row.lessonSlug] = {
      status: row.completedAt ? "complete" : "in-progress",
      objectivesMet: countNames(row.objectivesMet),
    };
  }
  const challenges: Record<string, ChallengeSummary> = {};
  // Working in a challenge's lab counts as started, before any attempt.
  for (const row of labRows) challenges[row.challengeSlug] = { status: "in-progress", attempts: 0, bestScore: 0 };
  for (const row of attemptRows) {
    challenges[row.challengeSlug] = {
      status: passed.has(row.challengeSlug) ? "complete" : "in-progress",
      attempts: row._count._all,
      bestScore: row._max.score ?? 0,
    };
  }
  return { lessons, challenges };
}
