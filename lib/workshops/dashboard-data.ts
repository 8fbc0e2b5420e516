import "server-only";
/**
 * Loads a workshop's dashboard rows from the database: its participants, their lesson progress and
 * challenge labs for the workshop's items, and their attempts. Every call reads the database, so any app
 * instance shows the same class.
 *
 * Attempts never change once stored, and a long workshop has tens of thousands, so they are read
 * incrementally: each process keeps, per workshop, the attempts it has read (their lean columns and a
 * summary of their per-check results) and asks only for those created since the newest it holds, less a
 * margin for attempts committed late (a slow grade, another instance's clock), together with how many the
 * class has in all. When that count differs from what it holds — an attempt deleted ("start over"), a
 * learner who joins with earlier attempts, one committed later than the margin — or every
 * FULL_RELOAD_MS anyway, it reads every lean row again, so the database stays the only source.
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

/** Attempts created this long before the newest one held are read again (committed late, clock skew). */
export const LATE_MARGIN_MS = 30_000;
/** A class's attempts are read in full at least this often, whatever the counts say. */
export const FULL_RELOAD_MS = 60_000;
const CLASSES_MAX = 200;

type Lean = Omit<AttemptRow, "result">;
interface ClassAttempts {
  readonly rows: Map<string, Lean>;
  newest: number;
  loadedAt: number;
}
/** Per workshop and set of challenges: the attempts this process has read (insertion order = LRU). */
const classes = new Map<string, ClassAttempts>();

/** Which learners' rows to read: the workshop's participants (a subquery, so no round trip waits for them), or one. */
type Members =
  { readonly learnerId: string } | { readonly learner: { readonly workshops: { some: { workshopId: string } } } };

const LEAN = { id: true, learnerId: true, challengeSlug: true, score: true, passed: true, createdAt: true } as const;

async function withResults(db: Db, lean: readonly Lean[]): Promise<AttemptRow[]> {
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

const byAge = (a: Lean, b: Lean) =>
  a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Every attempt of `members` at `slugs`, oldest first (one learner's: always read in full). */
async function leanAttempts(db: Db, key: string | null, members: Members, slugs: string[], now: number) {
  const where = { ...members, challengeSlug: { in: slugs } };
  const full = async (): Promise<Lean[]> => {
    const rows = await db.challengeAttempt.findMany({
      where,
      select: LEAN,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
    if (key !== null) {
      if (classes.size >= CLASSES_MAX) classes.delete(classes.keys().next().value as string);
      classes.set(key, {
        rows: new Map(rows.map((r) => [r.id, r])),
        newest: rows.reduce((m, r) => Math.max(m, r.createdAt.getTime()), 0),
        loadedAt: now,
      });
    }
    return rows;
  };
  const held = key === null ? undefined : classes.get(key);
  if (!held || now - held.loadedAt >= FULL_RELOAD_MS) return full();
  const [count, recent] = await Promise.all([
    db.challengeAttempt.count({ where }),
    db.challengeAttempt.findMany({
      where: { ...where, createdAt: { gte: new Date(held.newest - LATE_MARGIN_MS) } },
      select: LEAN,
    }),
  ]);
  for (const r of recent) {
    held.rows.set(r.id, r);
    held.newest = Math.max(held.newest, r.createdAt.getTime());
  }
  if (held.rows.size !== count) return full();
  // Recently used classes stay longest.
  classes.delete(key as string);
  classes.set(key as string, held);
  return [...held.rows.values()].sort(byAge);
}

/**
 * The rows for the whole class, or for one learner of it (their own view of where they are). One wave of
 * parallel queries, each selecting the workshop's learners by a subquery, then the results of attempts not
 * seen before.
 */
export async function loadDashboardInput(
  db: Db,
  workshop: WorkshopDto,
  onlyLearner?: string,
  now: number = Date.now(),
): Promise<DashboardInput> {
  const members: Members = onlyLearner
    ? { learnerId: onlyLearner }
    : { learner: { workshops: { some: { workshopId: workshop.id } } } };
  const lessonSlugs = workshop.items.filter((i) => i.kind === "lesson").map((i) => i.slug);
  const challengeSlugs = workshop.items.filter((i) => i.kind === "challenge").map((i) => i.slug);
  const key = onlyLearner ? null : `${workshop.id}\u0000${challengeSlugs.join("\u0000")}`;
  const [participants, lessons, labs, lean] = await Promise.all([
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
    challengeSlugs.length ? leanAttempts(db, key, members, challengeSlugs, now) : [],
  ]);
  return {
    items: workshop.items.map((i) => ({ ...i, title: itemTitle(i) })),
    participants,
    lessons,
    labs,
    attempts: await withResults(db, lean),
  };
}

export async function loadDashboard(db: Db, workshop: WorkshopDto, now: Date, rules?: StuckRules): Promise<Dashboard> {
  return buildDashboard(await loadDashboardInput(db, workshop, undefined, now.getTime()), now, rules);
}
