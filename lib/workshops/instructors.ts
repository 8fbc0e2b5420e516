import "server-only";
/**
 * Instructor accounts: creation (the CLI and the first-run page), sign-in with back-off, and the one-time
 * set-up tokens that guard the first-run page while no instructor exists.
 */
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db";
import { sha256 } from "./setup-token";
import { dummyHash, hashPassword, passwordProblem, verifyPassword } from "./password";
import { clearFailures, recordFailure, SIGN_IN_ADDRESS_POLICY, SIGN_IN_POLICY, throttleState } from "./throttle";

export type InstructorDto = { readonly id: string; readonly email: string };

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}$/;

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

/** Why an e-mail address is refused, or null. */
export function emailProblem(email: string): string | null {
  return EMAIL.test(normalizeEmail(email)) ? null : "the e-mail address must look like name@example.org";
}

export type CreateResult =
  { readonly ok: true; readonly instructor: InstructorDto } | { readonly ok: false; readonly message: string };

export async function createInstructor(db: Db, email: string, password: string): Promise<CreateResult> {
  const problem = emailProblem(email) ?? passwordProblem(password);
  if (problem) return { ok: false, message: problem };
  const normalized = normalizeEmail(email);
  if (await db.instructor.findUnique({ where: { email: normalized }, select: { id: true } })) {
    return { ok: false, message: `an instructor with the e-mail address ${normalized} already exists` };
  }
  const row = await db.instructor.create({
    data: { id: randomUUID(), email: normalized, passwordHash: await hashPassword(password) },
  });
  return { ok: true, instructor: { id: row.id, email: row.email } };
}

export const instructorCount = (db: Db): Promise<number> => db.instructor.count();

export type SignInResult =
  | { readonly ok: true; readonly instructor: InstructorDto }
  | { readonly ok: false; readonly reason: "invalid" }
  | { readonly ok: false; readonly reason: "locked"; readonly retryAfterSeconds: number };

/**
 * Checks an e-mail address and password. Unknown addresses cost a full scrypt too and count failures like
 * known ones, so neither timing nor the lockout tells which addresses have accounts.
 */
export async function signIn(
  db: Db,
  email: string,
  password: string,
  clientAddress: string,
  now: Date,
): Promise<SignInResult> {
  const normalized = normalizeEmail(email);
  const emailKey = `signin:${normalized}`;
  const addressKey = `signin-address:${clientAddress}`;
  const state = await throttleState(db, [emailKey, addressKey], now);
  if (state.locked) return { ok: false, reason: "locked", retryAfterSeconds: state.retryAfterSeconds };
  const row = await db.instructor.findUnique({ where: { email: normalized } });
  const matches = await verifyPassword(password, row?.passwordHash ?? (await dummyHash()));
  if (!row || !matches) {
    await recordFailure(db, [emailKey], SIGN_IN_POLICY, now);
    await recordFailure(db, [addressKey], SIGN_IN_ADDRESS_POLICY, now);
    return { ok: false, reason: "invalid" };
  }
  await clearFailures(db, [emailKey]);
  return { ok: true, instructor: { id: row.id, email: row.email } };
}

// ---- set-up tokens (issued by setup-token.ts) ----

export { issueSetupToken } from "./setup-token";

/** The first instructor, created with a set-up token that is then used up. */
export async function setUpFirstInstructor(
  db: Db,
  token: string,
  email: string,
  password: string,
  now: Date,
): Promise<CreateResult> {
  if ((await instructorCount(db)) > 0)
    return { ok: false, message: "set-up is finished: an instructor exists; sign in instead" };
  const problem = emailProblem(email) ?? passwordProblem(password);
  if (problem) return { ok: false, message: problem };
  // Deleting the row is the claim: of two requests with the same token only one deletes it.
  const used = await db.setupToken.deleteMany({ where: { hash: sha256(token.trim()), expiresAt: { gt: now } } });
  if (used.count !== 1)
    return { ok: false, message: "the set-up token is wrong or expired: use the one printed in the server log" };
  const created = await createInstructor(db, email, password);
  if (created.ok) await db.setupToken.deleteMany({});
  return created;
}
