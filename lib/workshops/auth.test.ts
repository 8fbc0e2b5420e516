import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASES, type TestDatabase } from "../testing/databases";
import { createInstructor, issueSetupToken, setUpFirstInstructor, signIn } from "./instructors";
import { hashPassword, verifyPassword } from "./password";
import { MAX_LIVE_SETUP_TOKENS, printSetupToken, printSetupTokenForVisit, SETUP_TOKEN_TTL_MS } from "./setup-token";
import { createSession, deleteSession, instructorForToken, SESSION_TTL_MS } from "./sessions";

describe("passwords", () => {
  it("verifies the right password and refuses a wrong one, with a fresh salt per hash", async () => {
    const a = await hashPassword("correct horse battery");
    const b = await hashPassword("correct horse battery");
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword("correct horse battery", a)).toBe(true);
    expect(await verifyPassword("correct horse batterY", a)).toBe(false);
    expect(await verifyPassword("x", "not-a-hash")).toBe(false);
    expect(await verifyPassword("x", "scrypt$0$8$1$AA$AA")).toBe(false);
  });
});

for (const kind of DATABASES) {
  describe.skipIf(!kind.available)(`instructor accounts and sessions on ${kind.name}`, () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await kind.open();
    }, 120_000);
    afterAll(async () => t.close());

    it("set-up: a token exists only while no instructor does, works once, and is void afterwards", async () => {
      const now = new Date("2026-12-02T10:00:00Z");
      const token = await issueSetupToken(t.db, now);
      expect(token).toMatch(/^[A-Za-z0-9_-]{24}$/);
      const other = (await issueSetupToken(t.db, now)) as string;
      expect(await setUpFirstInstructor(t.db, "wrong-token", "first@example.org", "a long password", now)).toEqual({
        ok: false,
        message: "the set-up token is wrong or expired: use the one printed in the server log",
      });
      expect(await setUpFirstInstructor(t.db, token as string, "first@example.org", "short", now)).toMatchObject({
        ok: false,
        message: /at least 10/,
      });
      const created = await setUpFirstInstructor(t.db, token as string, "First@Example.org", "a long password", now);
      expect(created).toMatchObject({ ok: true, instructor: { email: "first@example.org" } });
      // The other process's token is void too: set-up is over.
      expect(await setUpFirstInstructor(t.db, other, "second@example.org", "a long password", now)).toMatchObject({
        ok: false,
        message: /set-up is finished/,
      });
      expect(await issueSetupToken(t.db, now)).toBeNull();
      expect(await t.db.setupToken.count()).toBe(0);
    });

    it("the start-up log line carries a working token while no instructor exists, and nothing after", async () => {
      const fresh = await kind.open();
      try {
        const now = new Date("2026-12-02T10:00:00Z");
        const lines: string[] = [];
        const token = await printSetupToken(fresh.db, now, (l) => lines.push(l));
        expect(lines).toEqual([
          `policy-lab: no instructor account yet. Set one up at /instructor/setup with the one-time token ${token} (or: npm run -s instructor:create -- --email ADDRESS)`,
        ]);
        expect(
          await setUpFirstInstructor(fresh.db, token as string, "first@example.org", "a long password", now),
        ).toMatchObject({ ok: true });
        expect(await printSetupToken(fresh.db, now, (l) => lines.push(l))).toBeNull();
        expect(lines).toHaveLength(1);
      } finally {
        await fresh.close();
      }
    }, 120_000);

    it("set-up page visits print a token at most once a minute and keep at most 20 live", async () => {
      const fresh = await kind.open();
      try {
        const t0 = new Date("2026-12-02T10:00:00Z").getTime();
        const lines: string[] = [];
        const visit = (ms: number) => printSetupTokenForVisit(fresh.db, new Date(t0 + ms), (l) => lines.push(l));
        expect(await visit(0)).toEqual(expect.any(String));
        expect(await visit(30_000)).toBeNull();
        expect(lines).toHaveLength(1);
        expect(await visit(61_000)).toEqual(expect.any(String));
        for (let i = 2; i < 40; i++) await visit(i * 61_000);
        expect(await fresh.db.setupToken.count()).toBe(MAX_LIVE_SETUP_TOKENS);
        expect(lines).toHaveLength(MAX_LIVE_SETUP_TOKENS);
        // A day later the old ones are gone and a visit prints again.
        expect(await visit(SETUP_TOKEN_TTL_MS + 40 * 61_000)).toEqual(expect.any(String));
        expect(await fresh.db.setupToken.count()).toBe(1);
      } finally {
        await fresh.close();
      }
    }, 120_000);

    it("refuses duplicate and malformed accounts with a specific message", async () => {
      expect(await createInstructor(t.db, "dup@example.org", "a long password")).toMatchObject({ ok: true });
      expect(await createInstructor(t.db, "DUP@example.org", "a long password")).toEqual({
        ok: false,
        message: "an instructor with the e-mail address dup@example.org already exists",
      });
      expect(await createInstructor(t.db, "not-an-address", "a long password")).toMatchObject({
        ok: false,
        message: /look like/,
      });
    });

    it(
      "signs in, and locks an address after repeated failures with a growing back-off; unknown addresses alike",
      { timeout: 120_000 },
      async () => {
        await createInstructor(t.db, "lock@example.org", "the right password");
        const t0 = new Date("2026-12-02T11:00:00Z");
        const at = (s: number) => new Date(t0.getTime() + s * 1000);
        expect(await signIn(t.db, "lock@example.org", "the right password", "10.0.0.1", t0)).toMatchObject({
          ok: true,
        });
        for (let i = 0; i < 5; i++)
          expect(await signIn(t.db, "lock@example.org", "wrong", "10.0.0.1", at(i))).toEqual({
            ok: false,
            reason: "invalid",
          });
        // Locked after the fifth (until 4 + 30 s), even with the right password.
        expect(await signIn(t.db, "lock@example.org", "the right password", "10.0.0.1", at(5))).toEqual({
          ok: false,
          reason: "locked",
          retryAfterSeconds: 29,
        });
        // After the lock, one more failure locks for twice as long.
        expect(await signIn(t.db, "lock@example.org", "wrong", "10.0.0.1", at(40))).toEqual({
          ok: false,
          reason: "invalid",
        });
        expect(await signIn(t.db, "lock@example.org", "the right password", "10.0.0.1", at(41))).toEqual({
          ok: false,
          reason: "locked",
          retryAfterSeconds: 59,
        });
        expect(await signIn(t.db, "lock@example.org", "the right password", "10.0.0.1", at(101))).toMatchObject({
          ok: true,
        });

        for (let i = 0; i < 5; i++)
          expect(await signIn(t.db, "nobody@example.org", "wrong", "10.0.0.2", at(i))).toEqual({
            ok: false,
            reason: "invalid",
          });
        expect(await signIn(t.db, "nobody@example.org", "wrong", "10.0.0.2", at(5))).toEqual({
          ok: false,
          reason: "locked",
          retryAfterSeconds: 29,
        });
      },
    );

    it("sessions: a token signs in until it expires or is deleted; the table stores only its hash", async () => {
      const made = await createInstructor(t.db, "session@example.org", "a long password");
      if (!made.ok) throw new Error(made.message);
      const now = new Date("2026-12-02T12:00:00Z");
      const { token } = await createSession(t.db, made.instructor.id, now);
      expect(await t.db.instructorSession.count({ where: { id: token } })).toBe(0);
      expect(await instructorForToken(t.db, token, now)).toEqual(made.instructor);
      expect(await instructorForToken(t.db, token, new Date(now.getTime() + SESSION_TTL_MS))).toBeNull();
      expect(await instructorForToken(t.db, token.slice(0, -1) + (token.endsWith("A") ? "B" : "A"), now)).toBeNull();
      expect(await instructorForToken(t.db, "garbage", now)).toBeNull();
      await deleteSession(t.db, token);
      expect(await instructorForToken(t.db, token, now)).toBeNull();
    });
  });
}
