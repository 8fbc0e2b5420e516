import "server-only";
/**
 * Loads a workshop's dashboard rows from the database: its participants, their lesson progress and
 * challenge labs for the workshop's items, and their attempts. Every call reads the database, so any app
 * instance shows the same class. Attempts never change once stored, so the parsed per-check results are
 * kept per attempt id and only new attempts' results are read (the lean columns are read every time, so a
 * deleted attempt disappears at once). Only each result's summary is kept: a few hundred bytes per attempt.
 */
import type { Db } from "@/lib/db";
import type { HiddenWrongFlow, PublicGradeResult } from "@/lib/grading";
import {
  buildDashboard,
  summarizeResult,
  type AttemptRow,
  type AttemptSummary,
  type Dashboard,
  type DashboardInput,
  type StuckRules,
} from "./dashboard";
import { itemTitle } from "./items";
import type { WorkshopDto } from "./workshops";

const RESULT_CACHE_MAX = 100_000;
const results = new Map<string, AttemptSummary>();

/** Which learners' rows to read: the workshop's participants (a subquery, so no round trip waits for them), or one. */
type Members =
  { readonly learnerId: string } | { readonly learner: { readonly workshops: { some: { workshopId: string } } } };

async function attemptRows(db: Db, members: Members, slugs: string[]): Promise<AttemptRow[]> {
  if (slugs.length === 0) return [];
  const lean = await db.challengeAttempt.findMany({
    where: { ...members, challengeSlug: { in: slugs } },
    select: { id: true, learnerId: true, challengeSlug: true, score: true, passed: true, createdAt: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const missing = lean.filter((a) => !results.has(a.id)).map((a) => a.id);
  for (let i = 0; i < missing.length; i += 500) {
    const rows = await db.challengeAttempt.findMany({
      where: { id: { in: missing.slice(i, i + 500) } },
      select: { id: true, result: true, hiddenFlows: true },
    });
    if (results.size + rows.length > RESULT_CACHE_MAX) results.clear();
    for (const r of rows)
      results.set(
        r.id,
        summarizeResult(
          r.result as unknown as PublicGradeResult,
          r.hiddenFlows as unknown as readonly HiddenWrongFlow[] | null,
        ),
      );
  }
  const empty: AttemptSummary = { checks: [] };
  return lean.map((a) => ({ ...a, result: results.get(a.id) ?? empty }));
}

/**
 * The rows for the whole class, or for one learner of it (their own view of where they are). One wave of
 * parallel queries, each selecting the workshop's learners by a subquery, then the results of attempts not
 * seen before: two round trips per poll (three before, when the participants were read first).
 */
export async function loadDashboardInput(db: Db, workshop: WorkshopDto, onlyLearner?: string): Promise<DashboardInput> {
  const members: Members = onlyLearner
    ? { learnerId: onlyLearner }
    : { learner: { workshops: { some: { workshopId: workshop.id } } } };
  const lessonSlugs = workshop.items.filter((i) => i.kind === "lesson").map((i) => i.slug);
  const challengeSlugs = workshop.items.filter((i) => i.kind === "challenge").map((i) => i.slug);
  const [participants, lessons, labs, attempts] = await Promise.all([
    db.workshopParticipant.findMany({
      where: { workshopId: workshop.id, ...(onlyLearner ? { learnerId: onlyLearner } : {}) },
      select: { learnerId: true, displayName: true, joinedAt: true },
      orderBy: [{ joinedAt: "asc" }, { learnerId: "asc" }],
    }),
    lessonSlugs.length
      ? db.lessonProgress.findMany({
          where: { ...members, lessonSlug: { in: lessonSlugs } },
          select: { learnerId: true, lessonSlug: true, createdAt: true, updatedAt: true, completedAt: true },
        })
      : [],
    challengeSlugs.length
      ? db.challengeLab.findMany({
          where: { ...members, challengeSlug: { in: challengeSlugs } },
          select: { learnerId: true, challengeSlug: true, createdAt: true, updatedAt: true },
        })
      : [],
    attemptRows(db, members, challengeSlugs),
  ]);
  return { items: workshop.items.map((i) => ({ ...i, title: itemTitle(i) })), participants, lessons, labs, attempts };
}

export async function loadDashboard(db: Db, workshop: WorkshopDto, now: Date, rules?: StuckRules): Promise<Dashboard> {
  return buildDashboard(await loadDashboardInput(db, workshop), now, rules);
}
