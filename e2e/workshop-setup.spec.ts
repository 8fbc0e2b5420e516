import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { fingerprint } from "../scripts/build-if-changed";

/**
 * First run without the CLI: `npm start` on a database with no instructor prints a one-time set-up token in
 * its log; the set-up page takes it once and signs the new instructor in; afterwards the page says set-up
 * is finished and the token is spent.
 */
const ROOT = path.resolve(import.meta.dirname, "..");
const PORT = Number(process.env.E2E_PORT ?? 3210) + 3;
const DB_FILE = path.join(ROOT, "data", "e2e-setup.db");
const TSX = path.join(ROOT, "node_modules/tsx/dist/cli.mjs");

test("npm start prints a one-time set-up token while no instructor exists; the set-up page takes it once", async ({
  page,
}) => {
  test.setTimeout(180_000);
  // `npm start` rebuilds when the sources differ from the build; the spec must find the build Playwright serves.
  const stamp = path.join(ROOT, ".next", "policy-lab-build.sha256");
  expect(existsSync(stamp) && readFileSync(stamp, "utf8") === fingerprint(ROOT), "the e2e build is current").toBe(true);
  for (const suffix of ["", "-wal", "-shm"]) rmSync(DB_FILE + suffix, { force: true });
  let log = "";
  const child: ChildProcess = spawn(process.execPath, [TSX, path.join(ROOT, "scripts", "start.ts")], {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, PORT: String(PORT), DATABASE_URL: `file:${DB_FILE}`, NEXT_TELEMETRY_DISABLED: "1" },
  });
  child.stdout?.on("data", (chunk: Buffer) => (log += chunk.toString("utf8")));
  child.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString("utf8")));
  try {
    const base = `http://127.0.0.1:${PORT}`;
    await expect
      .poll(
        () =>
          /worker \d+ ready/.test(log) &&
          fetch(`${base}/icon.svg`).then(
            (r) => r.ok,
            () => false,
          ),
        {
          timeout: 120_000,
          message: "npm start serves",
        },
      )
      .toBe(true);
    const line = log.split("\n").find((l) => l.includes("one-time token"));
    expect(line, log).toMatch(
      /^policy-lab: no instructor account yet\. Set one up at \/instructor\/setup with the one-time token [A-Za-z0-9_-]{24} \(or: npm run -s instructor:create -- --email ADDRESS\)$/,
    );
    const token = /one-time token (\S+)/.exec(line as string)?.[1] as string;

    await page.goto(`${base}/instructor/setup`);
    await expect(page.getByRole("heading", { name: "Set up the first instructor" })).toBeVisible();
    await page.getByLabel("Set-up token (printed in the server log)").fill(token);
    await page.getByLabel("E-mail address").fill("first@example.org");
    await page.getByLabel("Choose a password (10 characters or more)").fill("a long enough password");
    await page.getByRole("button", { name: "Create the instructor account" }).click();
    await expect(page.getByRole("heading", { name: "Your workshops" })).toBeVisible();
    await expect(page.getByText("Signed in as first@example.org")).toBeVisible();

    // Set-up is over: the page says so, prints no new token, and the start-up token is spent.
    const before = log.split("one-time token").length;
    await page.goto(`${base}/instructor/setup`);
    await expect(page.getByRole("heading", { name: "Set-up is finished" })).toBeVisible();
    expect(log.split("one-time token").length).toBe(before);
    const again = await page.request.post(`${base}/api/instructor/setup`, {
      data: { token, email: "second@example.org", password: "a long enough password" },
    });
    expect(again.status()).toBeGreaterThanOrEqual(400);
    expect((await again.json()).error).toMatch(/set-up is finished/);
  } finally {
    if (child.pid && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
    await new Promise((r) => setTimeout(r, 500));
    for (const suffix of ["", "-wal", "-shm"]) rmSync(DB_FILE + suffix, { force: true });
  }
});
