import "server-only";
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
 * first visit, so a concurrent insert is expected: the loser re-reads. (Read first, then insert: Prisma's
 * upsert runs a transaction of several statements, a cost every request would pay.)
 */
export async function ensureLearner(db: Db, id: string): Promise<LearnerDto> {
  const found = await db.learner.findUnique({ where: { id } });
  if (found) return toDto(found);
  try {
    return toDto(await db.learner.create({ data: { id } }));
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return toDto(await db.learner.findUniqueOrThrow({ where: { id } }));
  }
}

/** Makes sure every id has a learner row, in two queries whatever their number (a batch of new learners). */
export async function ensureLearners(db: Db, ids: readonly string[]): Promise<void> {
  const unique = [...new Set(ids)];
  for (let round = 0; round < 3; round++) {
    const existing = new Set(
      (await db.learner.findMany({ where: { id: { in: unique } }, select: { id: true } })).map((l) => l.id),
    );
    const missing = unique.filter((id) => !existing.has(id));
    if (missing.length === 0) return;
    try {
      await db.learner.createMany({ data: missing.map((id) => ({ id })) });
      return;
    } catch (error) {
      // Another request created some of them meanwhile: look again.
      if (!isUniqueViolation(error)) throw error;
    }
  }
  throw new Error(`could not create learner rows for ${unique.length} learners`);
}

/** Sets (or clears, with an empty name) the learner's display name. */
export async function setDisplayName(db: Db, id: string, name: string): Promise<LearnerDto> {
  await ensureLearner(db, id);
  const displayName = name.trim() === "" ? null : name.trim();
  return toDto(await db.learner.update({ where: { id }, data: { displayName } }));
}
