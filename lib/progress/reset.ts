import "server-only";
/** "Start over": a learner's progress and attempts go; the learner (and their display name) stays. */
import type { Db } from "@/lib/db/client";

export async function clearProgress(db: Db, learnerId: string): Promise<{ lessons: number; attempts: number }> {
  const [lessons, attempts] = await db.$transaction([
    db.lessonProgress.deleteMany({ where: { learnerId } }),
    db.challengeAttempt.deleteMany({ where: { learnerId } }),
    db.challengeLab.deleteMany({ where: { learnerId } }),
  ]);
  return { lessons: lessons.count, attempts: attempts.count };
}
