import "server-only";
/**
 * The learner behind the current request. The proxy (proxy.ts) issues the signed cookie on pages; an API
 * request whose cookie is missing, unsigned or forged has no learner (the routes answer 401).
 */
import { cookies } from "next/headers";
import { db } from "@/lib/db";
import { LEARNER_COOKIE, verifyLearnerCookie } from "@/lib/learner/cookie";
import { learnerSecret } from "@/lib/learner/secret";
import { ensureLearner, type LearnerDto } from "./learners";

/** The current learner's id from the cookie, if this site signed it, without touching the database. */
export async function currentLearnerId(): Promise<string | null> {
  return verifyLearnerCookie((await cookies()).get(LEARNER_COOKIE)?.value, learnerSecret());
}

/** The current learner, created in the database on first use; null without a valid cookie. */
export async function currentLearner(): Promise<LearnerDto | null> {
  const id = await currentLearnerId();
  return id === null ? null : ensureLearner(db(), id);
}
