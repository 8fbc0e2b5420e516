import "server-only";
/**
 * Failure counting for sign-ins and join-code guesses, stored in the database (AuthThrottle) so the limit
 * holds across app instances. Each key (an e-mail address, a learner, a client address) counts failures
 * in a window; at `free` failures it is locked, for a time that doubles with each further failure up to
 * `maxLockMs`. A success clears the key.
 */
import type { Db } from "@/lib/db";

export interface ThrottlePolicy {
  /** Failures in the window that lock the key (the next try is refused). */
  readonly free: number;
  readonly windowMs: number;
  readonly baseLockMs: number;
  readonly maxLockMs: number;
}

/** Sign-in: 5 failures in 15 minutes lock for 30 s; each further one doubles it, up to 15 minutes. */
export const SIGN_IN_POLICY: ThrottlePolicy = {
  free: 5,
  windowMs: 15 * 60_000,
  baseLockMs: 30_000,
  maxLockMs: 15 * 60_000,
};

/** Join codes: 10 wrong codes in 10 minutes lock for 1 min; each further one doubles it, up to 30 minutes. */
export const JOIN_POLICY: ThrottlePolicy = {
  free: 10,
  windowMs: 10 * 60_000,
  baseLockMs: 60_000,
  maxLockMs: 30 * 60_000,
};

export type ThrottleState = { readonly locked: false } | { readonly locked: true; readonly retryAfterSeconds: number };

const secondsUntil = (until: Date, now: Date) => Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));

/** Whether any of the keys is locked now (the longest lock wins). */
export async function throttleState(db: Db, keys: readonly string[], now: Date): Promise<ThrottleState> {
  const rows = await db.authThrottle.findMany({
    where: { key: { in: [...keys] }, lockedUntil: { gt: now } },
    select: { lockedUntil: true },
  });
  const until = rows.reduce<Date | null>(
    (max, r) => (r.lockedUntil && (!max || r.lockedUntil > max) ? r.lockedUntil : max),
    null,
  );
  return until ? { locked: true, retryAfterSeconds: secondsUntil(until, now) } : { locked: false };
}

/** Counts one failure on each key and locks those past the free allowance. */
export async function recordFailure(db: Db, keys: readonly string[], policy: ThrottlePolicy, now: Date): Promise<void> {
  for (const key of keys) {
    const row = await db.authThrottle.findUnique({ where: { key } });
    const fresh = !row || now.getTime() - row.windowStart.getTime() > policy.windowMs;
    const failures = fresh ? 1 : row.failures + 1;
    const over = failures - policy.free + 1;
    const lockedUntil =
      over > 0
        ? new Date(now.getTime() + Math.min(policy.maxLockMs, policy.baseLockMs * 2 ** Math.min(over - 1, 20)))
        : null;
    const data = { failures, windowStart: fresh ? now : row.windowStart, lockedUntil };
    await db.authThrottle.upsert({ where: { key }, create: { key, ...data }, update: data });
  }
}

export async function clearFailures(db: Db, keys: readonly string[]): Promise<void> {
  await db.authThrottle.deleteMany({ where: { key: { in: [...keys] } } });
}

/** Sign-in per client address: more generous (a classroom shares one address), against password spraying. */
export const SIGN_IN_ADDRESS_POLICY: ThrottlePolicy = {
  free: 30,
  windowMs: 15 * 60_000,
  baseLockMs: 60_000,
  maxLockMs: 15 * 60_000,
};
