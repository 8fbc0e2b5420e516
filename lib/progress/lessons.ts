import "server-only";
/** A learner's saved lesson labs and completions. */
import type { Db, Prisma } from "@/lib/db/client";
import type { LabSnapshot } from "@/lib/progress/lab-snapshot";
import { ensureLearner } from "./learners";

export type SavedLesson = {
  readonly snapshot: LabSnapshot | null;
  readonly objectivesMet: readonly string[];
  readonly completedAt: Date | null;
};

function names(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

export async function loadLessonLab(db: Db, learnerId: string, lessonSlug: string): Promise<SavedLesson> {
  const row = await db.lessonProgress.findUnique({ where: { learnerId_lessonSlug: { learnerId, lessonSlug } } });
  return {
    snapshot: (row?.labState as LabSnapshot | null | undefined) ?? null,
    objectivesMet: names(row?.objectivesMet),
    completedAt: row?.completedAt ?? null,
  };
}

/**
 * Stores the lab and the objectives the server found met. Completion is sticky: once every objective held,
 * the lesson stays complete even if the learner later resets or changes the lab.
 */
export async function saveLessonLab(
  db: Db,
  learnerId: string,
  lessonSlug: string,
  save: { snapshot: LabSnapshot; objectivesMet: readonly string[]; allMet: boolean; now: Date },
): Promise<SavedLesson> {
  await ensureLearner(db, learnerId);
  const key = { learnerId_lessonSlug: { learnerId, lessonSlug } };
  const existing = await db.lessonProgress.findUnique({ where: key, select: { completedAt: true } });
  const completedAt = existing?.completedAt ?? (save.allMet ? save.now : null);
  // The snapshot was parsed from JSON, so it is JSON; zod's `unknown[]` journal type just cannot say so.
  const labState = save.snapshot as unknown as Prisma.InputJsonObject;
  const data = { labState, objectivesMet: [...save.objectivesMet], completedAt };
  const row = await db.lessonProgress.upsert({ where: key, create: { learnerId, lessonSlug, ...data }, update: data });
  return {
    snapshot: (row.labState as LabSnapshot | null) ?? null,
    objectivesMet: names(row.objectivesMet),
    completedAt: row.completedAt,
  };
}
