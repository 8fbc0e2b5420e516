/**
 * A class pressing Check at once (issue 10): the server grades what it can at a steady pace and answers the
 * rest 503 with Retry-After before doing any work, while a learner opening a page is still served within a
 * second. Runs its own `npm start`-style server (scripts/serve.ts, one worker) with a small admission gate
 * (scripts/admission.mjs), so the burst needs only a few hundred requests to overflow it. It is the "load"
 * project of playwright.config.ts: it runs after every other spec, alone (`-- e2e/class-burst.spec.ts
 * --no-deps` runs it by itself).
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { freePort } from "./own-server";
import { IMPERIAL_AIRSPACE_SOLUTION as SOLUTION } from "./helpers";

const ROOT = path.resolve(import.meta.dirname, "..");
const SLUG = "imperial-airspace";
const PAGE = "/lessons/l3-l4-policies";
const LEARNERS = 40;
const PER_LEARNER = 8;
/** The class's pace: the 300 graded attempts offered a second. */
const PER_SECOND = 300;
const PROBE_EVERY_MS = 200;

test.describe("a class pressing Check at once", () => {
  let server: ChildProcess;
  let base: string;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const tsx = path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");
    server = spawn(process.execPath, [tsx, path.join(ROOT, "scripts", "serve.ts"), String(port), "127.0.0.1"], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: `file:${path.join(ROOT, "data", "e2e.db")}`,
        WEB_CONCURRENCY: "1",
        NEXT_TELEMETRY_DISABLED: "1",
        // Two graded attempts in progress at a time, each waiting at most 200 ms for its turn.
        POLICY_LAB_WORK_ACTIVE: "2",
        POLICY_LAB_WORK_WAIT_MS: "200",
        // All learners here share 127.0.0.1: the per-address budget must not be what refuses them.
        POLICY_LAB_ATTEMPTS_PER_ADDRESS_PER_MINUTE: "100000",
      },
      stdio: ["ignore", "ignore", "inherit"],
      detached: true,
    });
    await expect
      .poll(
        () =>
          fetch(base + PAGE).then(
            (r) => r.status,
            () => 0,
          ),
        { timeout: 60_000, intervals: [250] },
      )
      .toBe(200);
  });

  test.afterAll(async () => {
    if (server?.pid && server.exitCode === null) {
      const exited = new Promise((r) => server.once("exit", r));
      process.kill(-server.pid, "SIGTERM");
      await exited;
    }
  });

  test("grades some, refuses the rest with 503 before recording anything, and keeps serving pages", async () => {
    test.setTimeout(120_000);
    const cookies: string[] = [];
    for (let i = 0; i < LEARNERS; i++) {
      const page = await fetch(`${base}/challenges/${SLUG}`);
      expect(page.status).toBe(200);
      cookies.push(
        page.headers
          .getSetCookie()
          .map((c) => c.split(";")[0])
          .join("; "),
      );
    }
    // Warm the grader once, so the burst measures the gate and not the first grade's start-up.
    const warm = await fetch(`${base}/api/challenges/${SLUG}/attempts`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: cookies[0]!, origin: base },
      body: JSON.stringify({ manifests: SOLUTION, commands: [] }),
    });
    expect(warm.status).toBe(201);

    // Attempt k leaves at k / PER_SECOND s, from learner k mod LEARNERS (so each learner's 8 are under
    // the per-learner limit of 20 a minute), whether or not earlier ones were answered.
    const total = LEARNERS * PER_LEARNER;
    const start = performance.now();
    const attempts = Array.from({ length: total }, async (_, k) => {
      await new Promise((r) => setTimeout(r, (k * 1000) / PER_SECOND));
      const learner = k % LEARNERS;
      const response = await fetch(`${base}/api/challenges/${SLUG}/attempts`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie: cookies[learner]!, origin: base },
        body: JSON.stringify({ manifests: SOLUTION, commands: [] }),
      });
      const body = (await response.json()) as { error?: string; passed?: boolean };
      return { learner, status: response.status, retryAfter: response.headers.get("retry-after"), body };
    });
    // While the class's checks arrive, learners open a lesson: each page is answered within a second.
    const pageMs: number[] = [];
    while (performance.now() - start < (total * 1000) / PER_SECOND) {
      await new Promise((r) => setTimeout(r, PROBE_EVERY_MS));
      const t0 = performance.now();
      const page = await fetch(base + PAGE);
      await page.arrayBuffer();
      expect(page.status).toBe(200);
      pageMs.push(performance.now() - t0);
    }
    expect(Math.max(...pageMs), `page loads during the burst: ${pageMs.map(Math.round).join(", ")} ms`).toBeLessThan(
      1000,
    );
    expect(pageMs.length).toBeGreaterThanOrEqual(4);

    const answers = await Promise.all(attempts);
    const graded = answers.filter((a) => a.status === 201);
    const refused = answers.filter((a) => a.status === 503);
    expect(graded.length + refused.length).toBe(answers.length);
    expect(graded.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    for (const g of graded) expect(g.body.passed).toBe(true);
    for (const r of refused) {
      expect(r.retryAfter).toBe("2");
      expect(r.body.error).toMatch(/busy grading other learners' work.*nothing was recorded/);
    }
    // Exactly the graded attempts were stored: a 503 recorded nothing, a 201 was never lost.
    for (let learner = 0; learner < LEARNERS; learner++) {
      const summary = (await (
        await fetch(`${base}/api/challenges/${SLUG}/attempts`, { headers: { cookie: cookies[learner]! } })
      ).json()) as { attempts: number };
      const expected = graded.filter((g) => g.learner === learner).length + (learner === 0 ? 1 : 0);
      expect(summary.attempts, `learner ${learner}`).toBe(expected);
    }
  });
});
