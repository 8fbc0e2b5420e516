import { describe, expect, it } from "vitest";
import type { PublicGradeResult } from "@/lib/grading";
import { gridCsv } from "./csv";
import { buildDashboard, flowLabel, median, summarizeResult, type AttemptRow, type DashboardInput } from "./dashboard";

const T0 = new Date("2026-12-02T13:00:00Z");
const at = (min: number) => new Date(T0.getTime() + min * 60_000);

const flow = { from: "default/xwing", to: "svc:default/deathstar", port: 80, protocol: "TCP" as const };

/** A grade of the quarantine-like challenge: `isolated` fails with the xwing still allowed out, unless fixed. */
function grade(isolated: boolean): PublicGradeResult {
  return {
    challenge: "quarantine",
    passed: isolated,
    score: isolated ? 100 : 40,
    checks: [
      {
        name: "labelled",
        title: "Labelled",
        hidden: false,
        weight: 1,
        status: "passed",
        passed: true,
        needs: [],
        details: [],
      },
      {
        name: "isolated",
        title: "Isolated",
        hidden: false,
        weight: 2,
        status: isolated ? "passed" : "failed",
        passed: isolated,
        needs: [],
        details: [
          {
            kind: "flow",
            passed: isolated,
            flow,
            expected: "dropped",
            actual: isolated ? "dropped" : "allowed",
            reason: "…",
          },
        ],
        ...(isolated ? {} : { hint: "Does your policy restrict egress as well as ingress?" }),
      },
      {
        name: "secret",
        title: "Hidden",
        hidden: true,
        weight: 1,
        status: isolated ? "passed" : "failed",
        passed: isolated,
        needs: [],
      },
    ],
    errors: [],
    warnings: [],
  };
}

let n = 0;
const attempt = (learnerId: string, min: number, ok: boolean): AttemptRow => ({
  id: `a${n++}`,
  learnerId,
  challengeSlug: "quarantine",
  score: ok ? 100 : 40,
  passed: ok,
  createdAt: at(min),
  result: summarizeResult(grade(ok)),
});

const input: DashboardInput = {
  items: [
    { kind: "lesson", slug: "identities", title: "Identities" },
    { kind: "challenge", slug: "quarantine", title: "Quarantine" },
  ],
  participants: [
    { learnerId: "ann", displayName: "Ann", joinedAt: at(0) },
    { learnerId: "bob", displayName: "=Bob", joinedAt: at(0) },
    { learnerId: "cy", displayName: "Cy", joinedAt: at(0) },
  ],
  lessons: [
    { learnerId: "ann", lessonSlug: "identities", createdAt: at(1), updatedAt: at(9), completedAt: at(9) },
    { learnerId: "bob", lessonSlug: "identities", createdAt: at(1), updatedAt: at(5), completedAt: at(5) },
    { learnerId: "outsider", lessonSlug: "identities", createdAt: at(1), updatedAt: at(2), completedAt: at(2) },
  ],
  labs: [{ learnerId: "ann", challengeSlug: "quarantine", createdAt: at(10), updatedAt: at(20) }],
  attempts: [
    attempt("ann", 12, false),
    attempt("bob", 13, false),
    attempt("ann", 14, false),
    attempt("bob", 15, true),
    attempt("ann", 16, false),
  ],
};

describe("the class dashboard", () => {
  const d = buildDashboard(input, at(30), { idleMinutes: 10, failedAttempts: 3 });
  const [ann, bob, cy] = d.learners;

  it("shows each learner's status, attempts, best score and last activity per item", () => {
    expect(ann?.cells).toEqual([
      { status: "done", attempts: 0, bestScore: null, lastActivity: at(9).toISOString() },
      { status: "in-progress", attempts: 3, bestScore: 40, lastActivity: at(20).toISOString() },
    ]);
    expect(bob?.cells[1]).toEqual({ status: "done", attempts: 2, bestScore: 100, lastActivity: at(15).toISOString() });
    expect(cy?.cells.map((c) => c.status)).toEqual(["not-started", "not-started"]);
    expect([ann?.done, bob?.done, cy?.done]).toEqual([1, 2, 0]);
  });

  it("flags K failed attempts in a row on one check, and no progress for N minutes", () => {
    expect(ann?.stuck).toBe('3 failed attempts in a row on "Isolated" (Quarantine)');
    expect(bob?.stuck).toBeNull();
    expect(cy?.stuck).toBe("no progress for 30 min");
    expect(buildDashboard(input, at(30), { idleMinutes: 31, failedAttempts: 4 }).learners.map((l) => l.stuck)).toEqual([
      null,
      null,
      null,
    ]);
  });

  it("counts what the class still gets wrong from each learner's latest attempt", () => {
    const q = d.stats[1];
    expect(q).toMatchObject({ started: 2, attempted: 2, done: 1 });
    expect(q?.checks[0]).toEqual({
      name: "isolated",
      title: "Isolated",
      hidden: false,
      learnersFailing: 1,
      failedAttempts: 4,
    });
    expect(q?.wrongVerdicts).toEqual([
      {
        check: "isolated",
        hidden: false,
        flow: "default/xwing → svc:default/deathstar:80",
        expected: "dropped",
        actual: "allowed",
        learners: 1,
        percent: 50,
        learnersEver: 2,
        percentEver: 100,
        summary: "50% still allow default/xwing → svc:default/deathstar:80",
      },
    ]);
    expect(q?.hints).toEqual([
      { check: "isolated", hint: "Does your policy restrict egress as well as ingress?", learners: 1 },
    ]);
    // Hidden checks are counted; attempts stored without their hidden flows (graded before those were kept)
    // add no flows to the breakdown.
    expect(q?.checks.find((c) => c.name === "secret")?.learnersFailing).toBe(1);
    expect(q?.wrongVerdicts.every((v) => !v.hidden)).toBe(true);
  });

  it("gives the same dashboard when the class's attempts grow between polls as when computed at once", () => {
    const earlier = buildDashboard({ ...input, attempts: input.attempts.slice(0, 3) }, at(30));
    expect(earlier.stats[1]?.checks[0]?.failedAttempts).toBe(3);
    expect(earlier.learners[1]?.cells[1]?.attempts).toBe(1);
    const again = buildDashboard(input, at(30), { idleMinutes: 10, failedAttempts: 3 });
    expect(again.stats).toEqual(d.stats);
    expect(again.learners).toEqual(d.learners);
  });

  it("breaks hidden checks down by flow for the hosts, from the flows stored beside each attempt", () => {
    const probe = { from: "default/probe-droid", to: "svc:default/deathstar", port: 80, protocol: "TCP" as const };
    const withHidden = (learnerId: string, min: number, ok: boolean): AttemptRow => ({
      ...attempt(learnerId, min, ok),
      result: summarizeResult(
        grade(ok),
        ok ? [] : [{ check: "secret", flow: probe, expected: "dropped", actual: "allowed" }],
      ),
    });
    const hidden = buildDashboard(
      {
        ...input,
        attempts: [withHidden("ann", 12, false), withHidden("bob", 13, false), withHidden("bob", 15, true)],
      },
      at(30),
    );
    expect(hidden.stats[1]?.wrongVerdicts.find((v) => v.check === "secret")).toEqual({
      check: "secret",
      hidden: true,
      flow: "default/probe-droid → svc:default/deathstar:80",
      expected: "dropped",
      actual: "allowed",
      learners: 1,
      percent: 50,
      learnersEver: 2,
      percentEver: 100,
      summary: "50% still allow default/probe-droid → svc:default/deathstar:80",
    });
  });

  it("medians the time from start to done, over members only", () => {
    expect(d.stats[0]).toMatchObject({ started: 2, done: 2, medianMinutes: 6 });
    expect(d.stats[1]?.medianMinutes).toBe(2);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([])).toBeNull();
  });

  it("labels flows as the grader states them", () => {
    expect(flowLabel({ ...flow, protocol: "UDP", port: 53, dns: "a.b" })).toBe(
      "default/xwing → svc:default/deathstar:53/UDP (DNS a.b)",
    );
    expect(flowLabel({ ...flow, http: { method: "GET", path: "/" } })).toBe(
      "default/xwing → svc:default/deathstar:80 GET /",
    );
  });

  it("exports the grid as CSV with one column group per item, defusing formulas in names", () => {
    const lines = gridCsv(d).split("\r\n");
    expect(lines[0]).toBe(
      "learner_id,display_name,joined_at,last_activity,done,stuck,lesson:identities status,lesson:identities attempts,lesson:identities best_score,lesson:identities last_activity,challenge:quarantine status,challenge:quarantine attempts,challenge:quarantine best_score,challenge:quarantine last_activity",
    );
    expect(lines[2]).toMatch(/^bob,'=Bob,/);
    expect(lines[1]).toContain(',"3 failed attempts in a row on ""Isolated"" (Quarantine)",');
    expect(lines).toHaveLength(5);
  });
});
