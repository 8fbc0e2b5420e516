/**
 * In-memory request budgets per key (a client address, a learner): a sliding-window counter (this window's
 * count plus the previous window's, weighted by how much of it still overlaps), O(1) per request and
 * bounded in memory. Per process: with N processes a key gets up to N times the budget, which is fine for
 * what these limits are for (one client flooding the grader with fresh cookies), not for exact quotas; the
 * exact per-learner attempt limit is the database's (lib/progress/attempts.ts).
 */

export type Budget = { readonly max: number; readonly windowMs: number };

export type Decision = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

interface Counter {
  start: number;
  count: number;
  previous: number;
}

/** Keys kept at most; beyond it the oldest are forgotten (a forgotten key starts afresh). */
const MAX_KEYS = 100_000;

export class RateLimiter {
  private readonly counters = new Map<string, Counter>();

  constructor(private readonly budget: Budget) {}

  /** Counts one request for `key` at `now` unless it is over budget. */
  take(key: string, now: number): Decision {
    const { max, windowMs } = this.budget;
    const start = now - (now % windowMs);
    let c = this.counters.get(key);
    if (!c) {
      if (this.counters.size >= MAX_KEYS) this.counters.delete(this.counters.keys().next().value as string);
      c = { start, count: 0, previous: 0 };
      this.counters.set(key, c);
    } else if (c.start !== start) {
      c.previous = start - c.start === windowMs ? c.count : 0;
      c.count = 0;
      c.start = start;
    }
    // Rounded up, so the estimate never lets through more than `max` in any window of `windowMs`.
    const overlap = 1 - (now - start) / windowMs;
    if (c.count + Math.ceil(c.previous * overlap) >= max) {
      // A slot frees up by the end of this window at the latest (sooner as the previous one slides out).
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((start + windowMs - now) / 1000)) };
    }
    c.count += 1;
    return { allowed: true };
  }
}

/** A positive integer from the environment, or the default. */
export function budgetFromEnv(
  name: string,
  fallback: number,
  windowMs = 60_000,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Budget {
  const n = Number(env[name]);
  return { max: Number.isInteger(n) && n > 0 ? n : fallback, windowMs };
}
