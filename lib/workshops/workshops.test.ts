import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureLearner } from "@/lib/progress/learners";
import { DATABASES, type TestDatabase } from "../testing/databases";
import { normalizeJoinCode, newJoinCode } from "./codes";
import { loadDashboard } from "./dashboard-data";
import { createInstructor } from "./instructors";
import { itemsProblem } from "./items";
import { announcementsSince, joinedWorkshop, joinWorkshop } from "./participants";
import {
  addAnnouncement,
  createWorkshop,
  inviteCohost,
  listWorkshops,
  setWorkshopState,
  workshopForHost,
} from "./workshops";

describe("join codes", () => {
  it("are 8 unambiguous characters, typed in any case with or without the dash", () => {
    const code = newJoinCode();
    expect(code).toMatch(/^[2-9A-HJKMNP-TV-Z]{8}$/);
    expect(normalizeJoinCode(`${code.slice(0, 4).toLowerCase()}-${code.slice(4)}`)).toBe(code);
    expect(normalizeJoinCode("ABCD-EFG0")).toBeNull();
    expect(normalizeJoinCode("ABC")).toBeNull();
  });
  it("items must exist in the catalogue, once each", () => {
    expect(
      itemsProblem([
        { kind: "lesson", slug: "identities" },
        { kind: "challenge", slug: "quarantine" },
      ]),
    ).toBeNull();
    expect(itemsProblem([{ kind: "lesson", slug: "nope" }])).toBe('items.0: no lesson "nope"');
    expect(
      itemsProblem([
        { kind: "challenge", slug: "quarantine" },
        { kind: "challenge", slug: "quarantine" },
      ]),
    ).toBe('items.1: challenge "quarantine" is listed twice');
  });
});

const L1 = "3b7c3f5e-1d2a-4c8b-9e6f-000000000001";
const L2 = "3b7c3f5e-1d2a-4c8b-9e6f-000000000002";
const GUESSER = "3b7c3f5e-1d2a-4c8b-9e6f-000000000003";

for (const kind of DATABASES) {
  describe.skipIf(!kind.available)(`workshops on ${kind.name}`, () => {
    let t: TestDatabase;
    let owner: string;
    let other: string;
    beforeAll(async () => {
      t = await kind.open();
      const a = await createInstructor(t.db, "owner@example.org", "a long password");
      const b = await createInstructor(t.db, "other@example.org", "a long password");
      if (!a.ok || !b.ok) throw new Error("setup");
      owner = a.instructor.id;
      other = b.instructor.id;
    }, 120_000);
    afterAll(async () => t.close());

    it("belong to their hosts only; a co-host sees the one workshop they were invited to", async () => {
      const w = await createWorkshop(t.db, owner, {
        title: "Policies 101",
        items: [{ kind: "challenge", slug: "quarantine" }],
        startsAt: null,
        endsAt: null,
      });
      const w2 = await createWorkshop(t.db, owner, {
        title: "Another",
        items: [{ kind: "lesson", slug: "identities" }],
        startsAt: null,
        endsAt: null,
      });
      expect(await workshopForHost(t.db, other, w.id)).toBeNull();
      expect(await listWorkshops(t.db, other)).toEqual([]);
      expect(await inviteCohost(t.db, w.id, "OTHER@example.org")).toEqual({ ok: true, email: "other@example.org" });
      expect(await inviteCohost(t.db, w.id, "other@example.org")).toMatchObject({ ok: false, status: 409 });
      expect(await inviteCohost(t.db, w.id, "ghost@example.org")).toMatchObject({ ok: false, status: 404 });
      expect((await workshopForHost(t.db, other, w.id))?.role).toBe("cohost");
      expect(await workshopForHost(t.db, other, w2.id)).toBeNull();
      expect((await listWorkshops(t.db, owner)).map((x) => x.title).sort()).toEqual(["Another", "Policies 101"]);
      await setWorkshopState(t.db, w2.id, "archived");
      expect((await listWorkshops(t.db, owner)).map((x) => x.title)).toEqual(["Policies 101"]);
      expect((await listWorkshops(t.db, owner, { archived: true })).length).toBe(2);
    });

    it("learners join by code with a display name; closed workshops take no newcomers; unknown and archived codes look alike", async () => {
      const now = new Date();
      const w = await createWorkshop(t.db, owner, {
        title: "Join me",
        items: [{ kind: "challenge", slug: "quarantine" }],
        startsAt: null,
        endsAt: null,
      });
      await ensureLearner(t.db, L1);
      await ensureLearner(t.db, L2);
      expect(await joinWorkshop(t.db, w.code.toLowerCase(), L1, "Ann", "1.1.1.1", now)).toMatchObject({
        ok: true,
        workshopId: w.id,
        firstHref: "/challenges/quarantine",
      });
      await setWorkshopState(t.db, w.id, "closed");
      expect(await joinWorkshop(t.db, w.code, L2, "Bob", "1.1.1.1", now)).toEqual({
        ok: false,
        reason: "closed",
        title: "Join me",
      });
      // Already in: re-joining (to rename) still works.
      expect(await joinWorkshop(t.db, w.code, L1, "Ann B.", "1.1.1.1", now)).toMatchObject({ ok: true });
      await setWorkshopState(t.db, w.id, "archived");
      expect(await joinWorkshop(t.db, w.code, L2, "Bob", "1.1.1.2", now)).toEqual({ ok: false, reason: "unknown" });
      expect(await joinWorkshop(t.db, "ZZZZ-ZZZZ", L2, "Bob", "1.1.1.2", now)).toEqual({
        ok: false,
        reason: "unknown",
      });
      await setWorkshopState(t.db, w.id, "open");
    });

    it("repeated guessing locks the guesser out, right codes included", async () => {
      const now = new Date();
      const w = await createWorkshop(t.db, owner, {
        title: "Guarded",
        items: [{ kind: "lesson", slug: "identities" }],
        startsAt: null,
        endsAt: null,
      });
      await ensureLearner(t.db, GUESSER);
      for (let i = 0; i < 10; i++)
        expect(await joinWorkshop(t.db, `ZZZZZZ${"23456789AB"[i]}2`, GUESSER, "G", "9.9.9.9", now)).toEqual({
          ok: false,
          reason: "unknown",
        });
      expect(await joinWorkshop(t.db, w.code, GUESSER, "G", "9.9.9.9", now)).toMatchObject({
        ok: false,
        reason: "locked",
      });
      // Another learner behind the same address is locked too (the address key).
      expect(await joinWorkshop(t.db, w.code, L2, "Bob", "9.9.9.9", now)).toMatchObject({
        ok: false,
        reason: "locked",
      });
    });

    it("a learner sees their workshop's items with their own status and its announcements; the dashboard sees the class", async () => {
      const now = new Date();
      const w = await createWorkshop(t.db, owner, {
        title: "Live",
        items: [
          { kind: "lesson", slug: "identities" },
          { kind: "challenge", slug: "quarantine" },
        ],
        startsAt: null,
        endsAt: null,
      });
      await joinWorkshop(t.db, w.code, L1, "Ann", "2.2.2.2", now);
      await joinWorkshop(t.db, w.code, L2, "Bob", "2.2.2.2", now);
      // Work done before joining counts.
      await t.db.lessonProgress.upsert({
        where: { learnerId_lessonSlug: { learnerId: L1, lessonSlug: "identities" } },
        create: { learnerId: L1, lessonSlug: "identities", objectivesMet: [], completedAt: now },
        update: { completedAt: now },
      });
      await t.db.challengeAttempt.create({
        data: {
          id: "att-1",
          learnerId: L2,
          challengeSlug: "quarantine",
          submission: {},
          result: { checks: [] },
          score: 40,
          passed: false,
        },
      });
      const first = await addAnnouncement(t.db, w.id, "We restart at 14:00", new Date(now.getTime() - 1000));
      await addAnnouncement(t.db, w.id, "Hint: egress too", now);

      const mine = await joinedWorkshop(t.db, L1, now);
      expect(mine).toMatchObject({ id: w.id, title: "Live", displayName: "Ann" });
      expect(mine?.items.map((i) => [i.href, i.cell.status])).toEqual([
        ["/lessons/identities", "done"],
        ["/challenges/quarantine", "not-started"],
      ]);
      expect(mine?.announcements.map((a) => a.text)).toEqual(["Hint: egress too", "We restart at 14:00"]);
      expect(
        (await announcementsSince(t.db, L1, first.createdAt.toISOString()))?.announcements.map((a) => a.text),
      ).toEqual(["Hint: egress too"]);

      const host = await workshopForHost(t.db, owner, w.id);
      const d = await loadDashboard(t.db, host!, now);
      expect(d.learners.map((l) => [l.displayName, l.cells.map((c) => c.status)])).toEqual([
        ["Ann", ["done", "not-started"]],
        ["Bob", ["not-started", "in-progress"]],
      ]);
      expect(d.learners[1]?.cells[1]).toMatchObject({ attempts: 1, bestScore: 40 });
    });
  });
}
