import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PublicGradeResult } from "@/lib/grading";
import { DATABASES, type TestDatabase } from "../testing/databases";
import { attemptsSummary, checkRateLimit, rateLimitFromEnv, recordAttempt } from "./attempts";

const result = (score: number, passed = score === 100): PublicGradeResult => ({
  challenge: "imperial-airspace",
  passed,
  score,
  checks: [
    {
      name: "h",
      title: "Hidden one",
      hidden: true,
      weight: 1,
      status: passed ? "passed" : "failed",
      passed,
      needs: [],
    },
  ],
  errors: [],
  warnings: [],
});
const submission = { journal: [], commands: ["kubectl get pods"] };
const T0 = new Date("2026-01-15T10:00:00Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

for (const kind of DATABASES) {
  describe.skipIf(!kind.available)(`challenge attempts on ${kind.name}`, () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await kind.open();
    });
    afterAll(async () => t.close());

    it("records attempts (creating the learner on the first one) and summarises them", async () => {
      const learnerId = "5b7c3f5e-1d2a-4c8b-9e6f-123456789abc";
      const empty = await attemptsSummary(t.db, learnerId, "imperial-airspace");
      expect(empty).toEqual({ attempts: 0, bestScore: 0, passed: false, last: null });

      await recordAttempt(t.db, {
        learnerId,
        challengeSlug: "imperial-airspace",
        submission,
        result: result(40),
        now: at(0),
      });
      await recordAttempt(t.db, {
        learnerId,
        challengeSlug: "imperial-airspace",
        submission,
        result: result(100),
        now: at(1),
      });
      const last = await recordAttempt(t.db, {
        learnerId,
        challengeSlug: "imperial-airspace",
        submission,
        result: result(70),
        now: at(2),
      });
      await recordAttempt(t.db, {
        learnerId,
        challengeSlug: "landing-protocol",
        submission,
        result: result(10),
        now: at(3),
      });

      expect(await t.db.learner.count({ where: { id: learnerId } })).toBe(1);
      const summary = await attemptsSummary(t.db, learnerId, "imperial-airspace");
      expect(summary).toMatchObject({
        attempts: 3,
        bestScore: 100,
        passed: true,
        last: { id: last.id, score: 70, passed: false },
      });
      expect(summary.last?.result).toEqual(result(70));
      expect(summary.last?.createdAt.toISOString()).toBe(at(2).toISOString());
    });

    it("concurrent first attempts of a new learner all land", async () => {
      const learnerId = "6b7c3f5e-1d2a-4c8b-9e6f-123456789abc";
      await Promise.all(
        [0, 1, 2].map((i) =>
          recordAttempt(t.db, {
            learnerId,
            challengeSlug: "imperial-airspace",
            submission,
            result: result(i),
            now: at(i),
          }),
        ),
      );
      expect((await attemptsSummary(t.db, learnerId, "imperial-airspace")).attempts).toBe(3);
    });

    it("rate-limits per learner from the stored attempts, with the time until a slot frees up", async () => {
      const learnerId = "7b7c3f5e-1d2a-4c8b-9e6f-123456789abc";
      const other = "8b7c3f5e-1d2a-4c8b-9e6f-123456789abc";
      const limit = { max: 3, windowMs: 60_000 };
      for (let i = 0; i < 3; i++) {
        expect(await checkRateLimit(t.db, learnerId, at(10 * i), limit)).toEqual({ allowed: true });
        await recordAttempt(t.db, {
          learnerId,
          challengeSlug: "landing-protocol",
          submission,
          result: result(0),
          now: at(10 * i),
        });
      }
      // Three attempts at 0 s, 10 s, 20 s: at 30 s the oldest frees its slot at 60 s.
      expect(await checkRateLimit(t.db, learnerId, at(30), limit)).toEqual({ allowed: false, retryAfterSeconds: 30 });
      expect(await checkRateLimit(t.db, learnerId, at(61), limit)).toEqual({ allowed: true });
      // Another learner is not affected; nothing lives in process memory (a second client sees the same).
      expect(await checkRateLimit(t.db, other, at(30), limit)).toEqual({ allowed: true });
    });
  });
}

describe("rateLimitFromEnv", () => {
  it("defaults to 20 per minute and accepts a positive integer override", () => {
    expect(rateLimitFromEnv({})).toEqual({ max: 20, windowMs: 60_000 });
    expect(rateLimitFromEnv({ POLICY_LAB_ATTEMPTS_PER_MINUTE: "5" })).toEqual({ max: 5, windowMs: 60_000 });
    expect(rateLimitFromEnv({ POLICY_LAB_ATTEMPTS_PER_MINUTE: "-1" }).max).toBe(20);
  });
});

for (const kind of DATABASES) {
  describe.skipIf(!kind.available)(`batched attempts on ${kind.name}`, () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await kind.open();
    });
    afterAll(async () => t.close());

    it("concurrent writes of new and known learners land in one go, and concurrent limit checks decide per learner", async () => {
      const known = "9b7c3f5e-1d2a-4c8b-9e6f-123456789abc";
      const fresh = ["9b7c3f5e-1d2a-4c8b-9e6f-000000000001", "9b7c3f5e-1d2a-4c8b-9e6f-000000000002"];
      await recordAttempt(t.db, {
        learnerId: known,
        challengeSlug: "landing-protocol",
        submission,
        result: result(5),
        now: at(0),
      });
      const learners = [known, ...fresh];
      await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          recordAttempt(t.db, {
            learnerId: learners[i % 3] as string,
            challengeSlug: "landing-protocol",
            submission,
            result: result(i),
            now: at(1 + i / 100),
          }),
        ),
      );
      expect(await t.db.challengeAttempt.count({ where: { learnerId: { in: learners } } })).toBe(31);
      const limit = { max: 11, windowMs: 60_000 };
      const [a, b, c] = await Promise.all(learners.map((l) => checkRateLimit(t.db, l, at(2), limit)));
      expect(a).toMatchObject({ allowed: false }); // 11 attempts
      expect(b).toEqual({ allowed: true }); // 10 attempts
      expect(c).toEqual({ allowed: true });
    });

    it("one attempt the database refuses fails alone: the others batched with it are stored", async () => {
      const learners = [
        "ab7c3f5e-1d2a-4c8b-9e6f-000000000001",
        "ab7c3f5e-1d2a-4c8b-9e6f-000000000002",
        "ab7c3f5e-1d2a-4c8b-9e6f-000000000003",
      ];
      // PostgreSQL's jsonb cannot hold U+0000; SQLite stores it. Either way only that row may be affected.
      const commands = [["kubectl get pods"], ["echo \u0000"], ["kubectl get cnp"]];
      const outcomes = await Promise.allSettled(
        learners.map((learnerId, i) =>
          recordAttempt(t.db, {
            learnerId,
            challengeSlug: "landing-protocol",
            submission: { journal: [], commands: commands[i]! },
            result: result(i),
            now: at(5),
          }),
        ),
      );
      const stored = await t.db.challengeAttempt.count({ where: { learnerId: { in: learners } } });
      if (kind.name === "PostgreSQL") {
        expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
        expect(stored).toBe(2);
      } else {
        expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "fulfilled", "fulfilled"]);
        expect(stored).toBe(3);
      }
    });

    it("stores (and returns) a huge grade capped, the learner told the same as what is stored", async () => {
      const learnerId = "cb7c3f5e-1d2a-4c8b-9e6f-123456789abc";
      const huge: PublicGradeResult = {
        ...result(0),
        errors: Array.from({ length: 400 }, (_, i) => ({
          kind: "rejected" as const,
          message: `error ${i}: ${"a".repeat(50_000)}`,
        })),
      };
      const recorded = await recordAttempt(t.db, {
        learnerId,
        challengeSlug: "landing-protocol",
        submission,
        result: huge,
        now: at(6),
      });
      expect(JSON.stringify(recorded.result).length).toBeLessThanOrEqual(64 * 1024);
      expect(recorded.result.errors.at(-1)?.message).toMatch(/^… and \d+ more$/);
      const summary = await attemptsSummary(t.db, learnerId, "landing-protocol");
      expect(summary.last?.result).toEqual(recorded.result);
    });
  });
}
