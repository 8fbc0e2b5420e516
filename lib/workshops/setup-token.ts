/**
 * The one-time set-up tokens that guard the first-run page (/instructor/setup) while no instructor exists,
 * and the server-log line that hands one out. No `server-only` import: `npm start` (scripts/start.ts)
 * prints a token at start-up, before the app's server code is loaded; the set-up page prints one per visit.
 */
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../db/client";

export const SETUP_TOKEN_TTL_MS = 24 * 60 * 60_000;
export const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");

/**
 * A new one-time set-up token, or null once an instructor exists. Each server process makes its own and
 * prints it; any unexpired one works once, and all are void as soon as the first instructor exists.
 */
export async function issueSetupToken(db: Db, now: Date): Promise<string | null> {
  if ((await db.instructor.count()) > 0) return null;
  const token = randomBytes(18).toString("base64url");
  await db.setupToken.create({
    data: { hash: sha256(token), expiresAt: new Date(now.getTime() + SETUP_TOKEN_TTL_MS) },
  });
  return token;
}

/** The server-log line for a token. */
export const setupTokenLine = (token: string): string =>
  `policy-lab: no instructor account yet. Set one up at /instructor/setup with the one-time token ${token} (or: npm run -s instructor:create -- --email ADDRESS)`;

/** Prints a fresh token's line while no instructor exists; returns the token (null when one exists). */
export async function printSetupToken(db: Db, now: Date, log: (line: string) => void = console.log) {
  const token = await issueSetupToken(db, now);
  if (token) log(setupTokenLine(token));
  return token;
}
