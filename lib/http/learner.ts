import "server-only";
/**
 * Who is asking, and whether they may: the signed learner cookie (401 without one this site issued) and the
 * per-learner and per-address budgets of the expensive routes (429 with Retry-After). A client that drops
 * or forges cookies gets no learner; one that fetches a fresh cookie per request still shares its
 * address's budget.
 */
import { cookies } from "next/headers";
import { LEARNER_COOKIE, verifyLearnerCookie } from "@/lib/learner/cookie";
import { learnerSecret } from "@/lib/learner/secret";
import { currentLearnerId } from "@/lib/progress/current";
import { clientAddress } from "./client-address";
import { HttpError } from "./errors";
import { budgetFromEnv, RateLimiter, type Decision } from "./rate-limit";

/** The signed learner behind the request, or a 401 that says how to get one (`to` = "save your lab"). */
export async function requireLearner(to: string): Promise<string> {
  const id = await currentLearnerId();
  if (id !== null) return id;
  throw noLearner((await cookies()).get(LEARNER_COOKIE) !== undefined, to);
}

/** requireLearner for a cookie value read off the request itself (the attempt route, also outside Next.js). */
export async function learnerFromCookie(value: string | undefined, to: string): Promise<string> {
  const id = await verifyLearnerCookie(value, learnerSecret());
  if (id !== null) return id;
  throw noLearner(value !== undefined, to);
}

function noLearner(sent: boolean, to: string): HttpError {
  return new HttpError(
    401,
    sent
      ? `the learner cookie was not issued by this site: open any page of the site to get a new one, then ${to}`
      : `no learner cookie: enable cookies for this site to ${to}`,
  );
}

export type Work = "attempt" | "save";

/**
 * Per client address (fresh cookies cannot escape it; a classroom behind one NAT shares it, hence roomy) and,
 * for saves, per learner (the lab saves at most every 0.7 s while a learner types). Attempts per learner
 * are limited exactly, from the database (lib/progress/attempts.ts).
 */
const limiters = {
  attempt: {
    address: new RateLimiter(budgetFromEnv("POLICY_LAB_ATTEMPTS_PER_ADDRESS_PER_MINUTE", 600)),
    learner: null,
  },
  save: {
    address: new RateLimiter(budgetFromEnv("POLICY_LAB_SAVES_PER_ADDRESS_PER_MINUTE", 1200)),
    learner: new RateLimiter(budgetFromEnv("POLICY_LAB_SAVES_PER_MINUTE", 120)),
  },
} satisfies Record<Work, { address: RateLimiter; learner: RateLimiter | null }>;

function refuse(decision: Decision, what: string): void {
  if (decision.allowed) return;
  throw new HttpError(429, `too many ${what}: try again in ${decision.retryAfterSeconds} s`, {
    "retry-after": String(decision.retryAfterSeconds),
  });
}

/** Counts one request of `work` against its budgets, or throws the 429. */
export function limitRequest(request: Request, work: Work, learnerId: string, now = Date.now()): void {
  const what = work === "attempt" ? "attempts from your network address" : "saves";
  const l = limiters[work];
  refuse(l.address.take(clientAddress(request.headers), now), what);
  if (l.learner) refuse(l.learner.take(learnerId, now), "saves");
}
