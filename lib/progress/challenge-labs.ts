import "server-only";
/** A learner's saved challenge labs. */
import type { Db, Prisma } from "@/lib/db/client";
import type { LabSnapshot } from "./lab-snapshot";
import { ensureLearner } from "./learners";

export async function loadChallengeLab(db: Db, learnerId: string, challengeSlug: string): Promise<LabSnapshot | null> {
  const row = await db.challengeLab.findUnique({ where: { learnerId_challengeSlug: { learnerId, challengeSlug } } });
  return (row?.labState as LabSnapshot | undefined) ?? null;
}

export async function saveChallengeLab(
  db: Db,
  learnerId: string,
  challengeSlug: string,
  snapshot: LabSnapshot,
): Promise<void> {
  await ensureLearner(db, learnerId);
  // Parsed from JSON, so it is JSON; zod's `unknown[]` journal type just cannot say so.
  const labState = snapshot as unknown as Prisma.InputJsonObject;
  await db.challengeLab.upsert({
    where: { learnerId_challengeSlug: { learnerId, challengeSlug } },
    create: { learnerId, challengeSlug, labState },
    update: { labState },
  });
}
