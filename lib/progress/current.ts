import "server-only";
/**
 * The learner behind the current request. The proxy (proxy.ts) issues the cookie, so on pages and API routes
 * it is always present; a request without one (a client that refuses cookies) has no learner.
 */
import { cookies } from "next/headers";
import { db } from "@/lib/db";
import { isLearnerId, LEARNER_COOKIE } from "@/lib/learner/cookie";
import { ensureLearner, type LearnerDto } from "./learners";

/** The current learner's id from the cookie, without touching the database. */
export async function currentLearnerId(): Promise<string | null> {
  const value = (await cookies()).get(LEARNER_COOKIE)?.value;
  return isLearnerId(value) ? value : null;
}

/** The current learner, created in the database on first use; null without a cookie. */
export async function currentLearner(): Promise<LearnerDto | null> {
  const id = await currentLearnerId();
  return id === null ? null : ensureLearner(db(), id);
}
