import { spawnSync } from "node:child_process";
import path from "node:path";
import { expect, request, type APIRequestContext } from "@playwright/test";

const ROOT = path.resolve(import.meta.dirname, "..");

/** A fresh instructor account in the e2e server's database, made with the real CLI (npm run instructor:create). */
export function createInstructorAccount(prefix: string): { email: string; password: string } {
  const email = `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.org`;
  const password = "a long enough password";
  const run = spawnSync(
    process.execPath,
    [
      path.join(ROOT, "node_modules/tsx/dist/cli.mjs"),
      "--conditions=react-server",
      "scripts/instructor-create.ts",
      "--email",
      email,
      "--password-stdin",
    ],
    {
      cwd: ROOT,
      input: `${password}\n`,
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: `file:${path.join(ROOT, "data", "e2e.db")}` },
    },
  );
  expect(run.stderr + run.stdout).toContain(`created instructor ${email}`);
  return { email, password };
}

/** An API client signed in as a new instructor. */
export async function signedInInstructor(
  baseURL: string | undefined,
  prefix: string,
): Promise<{ ctx: APIRequestContext; email: string; password: string }> {
  const account = createInstructorAccount(prefix);
  const ctx = await request.newContext({ baseURL });
  const res = await ctx.post("/api/instructor/session", { data: { email: account.email, password: account.password } });
  expect(res.status()).toBe(201);
  return { ctx, ...account };
}
