import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASES, type TestDatabase } from "../testing/databases";
import { ensureLearner, ensureLearners, setDisplayName } from "./learners";
import { loadChallengeLab, saveChallengeLab } from "./challenge-labs";
import type { LabSnapshot } from "./lab-snapshot";
import { loadLessonLab, saveLessonLab } from "./lessons";
import { clearProgress } from "./reset";
import { progressSummary } from "./summary";

const snapshot = (history: string[]): LabSnapshot => ({
  version: 1,
  journal: [],
  files: { "/root/a.yaml": "x: 1\n" },
  history,
  env: {},
});

for (const kind of DATABASES) {
  describe.skipIf(!kind.available)(`learners and progress on ${kind.name}`, () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await kind.open();
    });
    afterAll(async () => t.close());

    it("creates a learner on first use and returns the same one afterwards, even under concurrent first requests", async () => {
      const id = "0b7c3f5e-1d2a-4c8b-9e6f-123456789abc";
      const all = await Promise.all([ensureLearner(t.db, id), ensureLearner(t.db, id), ensureLearner(t.db, id)]);
      expect(new Set(all.map((l) => l.id))).toEqual(new Set([id]));
      expect(await t.db.learner.count({ where: { id } })).toBe(1);
    });

    it("creates many learners at once, concurrently, each exactly once", async () => {
      const ids = Array.from({ length: 30 }, (_, i) => `5b7c3f5e-1d2a-4c8b-9e6f-${String(i).padStart(12, "0")}`);
      await ensureLearner(t.db, ids[0]!);
      await Promise.all([
        ensureLearners(t.db, ids),
        ensureLearners(t.db, ids.slice(10)),
        ensureLearners(t.db, [...ids].reverse()),
      ]);
      expect(await t.db.learner.count({ where: { id: { in: ids } } })).toBe(30);
    });

    it("sets and clears a display name", async () => {
      const id = "1b7c3f5e-1d2a-4c8b-9e6f-123456789abc";
      expect((await setDisplayName(t.db, id, "  Leia  ")).displayName).toBe("Leia");
      expect((await setDisplayName(t.db, id, "   ")).displayName).toBeNull();
    });

    it("summarises lessons (in progress vs complete) and challenges (attempts, best score, passed)", async () => {
      const id = "2b7c3f5e-1d2a-4c8b-9e6f-123456789abc";
      await ensureLearner(t.db, id);
      await t.db.lessonProgress.create({
        data: { learnerId: id, lessonSlug: "identities", objectivesMet: ["listed-identities"] },
      });
      await t.db.lessonProgress.create({
        data: { learnerId: id, lessonSlug: "l3-l4", objectivesMet: ["a", "b"], completedAt: new Date() },
      });
      const attempt = (n: number, score: number, passed: boolean) =>
        t.db.challengeAttempt.create({
          data: {
            id: `${id}-${n}`,
            learnerId: id,
            challengeSlug: "empire-only",
            submission: {},
            result: {},
            score,
            passed,
          },
        });
      await attempt(1, 40, false);
      await attempt(2, 100, true);
      await attempt(3, 70, false);
      await t.db.challengeAttempt.create({
        data: {
          id: `${id}-4`,
          learnerId: id,
          challengeSlug: "dns",
          submission: {},
          result: {},
          score: 10,
          passed: false,
        },
      });

      const summary = await progressSummary(t.db, id);
      expect(summary.lessons).toEqual({
        identities: { status: "in-progress", objectivesMet: 1 },
        "l3-l4": { status: "complete", objectivesMet: 2 },
      });
      expect(summary.challenges).toEqual({
        "empire-only": { status: "complete", attempts: 3, bestScore: 100 },
        dns: { status: "in-progress", attempts: 1, bestScore: 10 },
      });
      // Another learner sees none of it.
      expect(await progressSummary(t.db, "3b7c3f5e-1d2a-4c8b-9e6f-123456789abc")).toEqual({
        lessons: {},
        challenges: {},
      });
    });

    it("saves and restores labs; a lesson stays complete once all its objectives held", async () => {
      const id = "4b7c3f5e-1d2a-4c8b-9e6f-123456789abc";
      const now = new Date("2026-11-26T12:00:00Z");
      await saveLessonLab(t.db, id, "l3-l4", {
        snapshot: snapshot(["kubectl get pods"]),
        objectivesMet: ["a", "b"],
        allMet: true,
        now,
      });
      await saveLessonLab(t.db, id, "l3-l4", {
        snapshot: snapshot([]),
        objectivesMet: [],
        allMet: false,
        now: new Date(),
      });
      const lesson = await loadLessonLab(t.db, id, "l3-l4");
      expect(lesson.snapshot?.history).toEqual([]);
      expect(lesson.objectivesMet).toEqual([]);
      expect(lesson.completedAt?.toISOString()).toBe(now.toISOString());

      expect(await loadChallengeLab(t.db, id, "landing")).toBeNull();
      await saveChallengeLab(t.db, id, "landing", snapshot(["kubectl get cnp"]));
      expect((await loadChallengeLab(t.db, id, "landing"))?.history).toEqual(["kubectl get cnp"]);
      expect((await progressSummary(t.db, id)).challenges.landing).toEqual({
        status: "in-progress",
        attempts: 0,
        bestScore: 0,
      });
    });

    it("starting over clears lessons, labs and attempts but keeps the learner and their name", async () => {
      const id = "4b7c3f5e-1d2a-4c8b-9e6f-123456789abc";
      await setDisplayName(t.db, id, "Han");
      await t.db.challengeAttempt.create({
        data: {
          id: `${id}-a`,
          learnerId: id,
          challengeSlug: "landing",
          submission: {},
          result: {},
          score: 5,
          passed: false,
        },
      });
      expect(await clearProgress(t.db, id)).toEqual({ lessons: 1, attempts: 1 });
      expect(await progressSummary(t.db, id)).toEqual({ lessons: {}, challenges: {} });
      expect(await loadChallengeLab(t.db, id, "landing")).toBeNull();
      expect((await t.db.learner.findUniqueOrThrow({ where: { id } })).displayName).toBe("Han");
    });

    it("deleting a learner removes their progress and attempts", async () => {
      const id = "2b7c3f5e-1d2a-4c8b-9e6f-123456789abc";
      await t.db.learner.delete({ where: { id } });
      expect(await t.db.lessonProgress.count({ where: { learnerId: id } })).toBe(0);
      expect(await t.db.challengeAttempt.count({ where: { learnerId: id } })).toBe(0);
    });
  });
}
