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

/** A visit to the set-up page prints a new token at most this often (the last one printed stays valid). */
export const SETUP_PAGE_INTERVAL_MS = 60_000;
/** Unexpired tokens kept at most: anonymous visits must not grow the table or the log without bound. */
export const MAX_LIVE_SETUP_TOKENS = 20;

/**
 * The set-up page's token: anyone may open the page, so a visit prints a fresh token only when none was
 * issued in the last minute and fewer than MAX_LIVE_SETUP_TOKENS are live; expired ones are removed.
 */
export async function printSetupTokenForVisit(db: Db, now: Date, log: (line: string) => void = console.log) {
  if ((await db.instructor.count()) > 0) return null;
  await db.setupToken.deleteMany({ where: { expiresAt: { lte: now } } });
  const recentSince = new Date(now.getTime() + SETUP_TOKEN_TTL_MS - SETUP_PAGE_INTERVAL_MS);
  if ((await db.setupToken.count({ where: { expiresAt: { gt: recentSince } } })) > 0) return null;
  if ((await db.setupToken.count()) >= MAX_LIVE_SETUP_TOKENS) return null;
  return printSetupToken(db, now, log);
}
