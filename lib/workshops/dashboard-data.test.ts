import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PublicGradeResult } from "@/lib/grading";
import { clearProgress } from "@/lib/progress/reset";
import { DATABASES, type TestDatabase } from "../testing/databases";
import { FULL_RELOAD_MS, LATE_MARGIN_MS, loadDashboardInput } from "./dashboard-data";
import { createInstructor } from "./instructors";
import { createWorkshop, type WorkshopDto } from "./workshops";

const ANN = "5c1e7a3b-2d4f-4a6b-8c9d-00000000000a";
const BEN = "5c1e7a3b-2d4f-4a6b-8c9d-00000000000b";
const CY = "5c1e7a3b-2d4f-4a6b-8c9d-00000000000c";
const T0 = Date.parse("2026-12-02T13:00:00Z");

const result = (score: number): PublicGradeResult => ({
  challenge: "quarantine",
  passed: score === 100,
  score,
  checks: [],
  errors: [],
  warnings: [],
});

/**
 * Attempts are read incrementally per process (only those since the newest held, less a margin), so each
 * case below is one the incremental read must not miss: every poll has to equal a full read of the database.
 */
for (const kind of DATABASES) {
  describe.skipIf(!kind.available)(`the dashboard's attempts, read incrementally, on ${kind.name}`, () => {
    let t: TestDatabase;
    let w: WorkshopDto;
    let n = 0;
    const add = (learnerId: string, at: number, score = 40) =>
      t.db.challengeAttempt.create({
        data: {
          id: `attempt-${kind.name}-${n++}`,
          learnerId,
          challengeSlug: "quarantine",
          submission: {},
          result: result(score) as unknown as object,
          score,
          passed: score === 100,
          createdAt: new Date(at),
        },
      });
    const seen = async (now: number) =>
      (await loadDashboardInput(t.db, w, undefined, now)).attempts.map((a) => `${a.learnerId.slice(-1)}:${a.score}`);

    beforeAll(async () => {
      t = await kind.open();
      const owner = await createInstructor(t.db, "owner@example.org", "a long password");
      if (!owner.ok) throw new Error("setup");
      w = await createWorkshop(t.db, owner.instructor.id, {
        title: "Incremental",
        items: [{ kind: "challenge", slug: "quarantine" }],
        startsAt: null,
        endsAt: null,
      });
      await t.db.learner.createMany({ data: [ANN, BEN, CY].map((id) => ({ id })) });
      await t.db.workshopParticipant.createMany({
        data: [ANN, BEN].map((learnerId) => ({ workshopId: w.id, learnerId, displayName: learnerId.slice(-1) })),
      });
    }, 120_000);
    afterAll(async () => t.close());

    it("sees new, late, earlier-joined and deleted attempts exactly as a full read would", async () => {
      await add(ANN, T0);
      await add(BEN, T0 + 1000);
      expect(await seen(T0 + 2000)).toEqual(["a:40", "b:40"]);
      // A new attempt: within the window.
      await add(ANN, T0 + 3000, 70);
      expect(await seen(T0 + 4000)).toEqual(["a:40", "b:40", "a:70"]);
      // One committed late, stamped long before the newest held (a slow grade, another instance's clock).
      await add(BEN, T0 + 3000 - LATE_MARGIN_MS - 5000, 10);
      expect(await seen(T0 + 5000)).toEqual(["b:10", "a:40", "b:40", "a:70"]);
      // A learner who joins with attempts made before joining: they count.
      await add(CY, T0 - 60_000, 55);
      await t.db.workshopParticipant.create({ data: { workshopId: w.id, learnerId: CY, displayName: "c" } });
      expect(await seen(T0 + 6000)).toEqual(["c:55", "b:10", "a:40", "b:40", "a:70"]);
      // "Start over" deletes a learner's attempts: they disappear at once.
      await clearProgress(t.db, ANN);
      expect(await seen(T0 + 7000)).toEqual(["c:55", "b:10", "b:40"]);
      // A deletion and a late attempt in the same interval leave the count unchanged: the periodic full read
      // puts it right.
      await t.db.challengeAttempt.deleteMany({ where: { learnerId: CY } });
      await add(BEN, T0 - 120_000, 5);
      await seen(T0 + 8000);
      expect(await seen(T0 + 8000 + FULL_RELOAD_MS)).toEqual(["b:5", "b:10", "b:40"]);
      // One learner's own view is always read in full.
      expect((await loadDashboardInput(t.db, w, BEN)).attempts.map((a) => a.score)).toEqual([5, 10, 40]);
    });
  });
}
