/** Learner records: created on first use, keyed by the id in the learner's cookie. */
import type { Db } from "@/lib/db/client";

export type LearnerDto = { readonly id: string; readonly displayName: string | null; readonly createdAt: Date };

const toDto = (l: { id: string; displayName: string | null; createdAt: Date }): LearnerDto => ({
  id: l.id,
  displayName: l.displayName,
  createdAt: l.createdAt,
});

/** Prisma's unique-constraint error: another request created the same row first. */
function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === "P2002";
}

/**
 * Returns the learner, creating the row on first use. A page and its API calls often arrive together on a
 * first visit; PostgreSQL's upsert is not atomic against a concurrent insert, so the loser re-reads.
 */
export async function ensureLearner(db: Db, id: string): Promise<LearnerDto> {
  try {
    return toDto(await db.learner.upsert({ where: { id }, create: { id }, update: {} }));
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return toDto(await db.learner.findUniqueOrThrow({ where: { id } }));
  }
}

/** Sets (or clears, with an empty name) the learner's display name. */
export async function setDisplayName(db: Db, id: string, name: string): Promise<LearnerDto> {
  await ensureLearner(db, id);
  const displayName = name.trim() === "" ? null : name.trim();
  return toDto(await db.learner.update({ where: { id }, data: { displayName } }));
}
