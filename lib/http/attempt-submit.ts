import "server-only";
/**
 * Grading a learner's submission and storing it: the one implementation behind `POST
 * /api/challenges/[slug]/attempts`, whether Next.js routed the request (app/api/…/attempts/route.ts, as under
 * `next dev`) or `npm start`'s server answered it directly (fast-path.ts). The body is data (`{ journal,
 * commands }` or `{ manifests, commands }`), never a claim about the result; the answer is the learner's
 * view of the grade (hidden checks without their flows). Contract: lib/http/README.md and contract.ts.
 */
import { catalog } from "@/lib/content/catalog";
import { db } from "@/lib/db";
import { withStorageFaults } from "@/lib/db/faults";
import { runLearnerJob } from "@/lib/jobs";
import { checkRateLimit, rateLimitFromEnv, recordAttempt } from "@/lib/progress/attempts";
import type { AttemptResponse } from "./contract";
import { apiJson, HttpError, route } from "./errors";
import { learnerFromCookie, limitRequest } from "./learner";
import { readAttempt } from "./requests";

export const challengeExists = (slug: string) => catalog().challenges.some((c) => c.slug === slug);

/** Grades and records one attempt; `cookie` is the learner cookie's value as the request carried it. */
export const submitAttempt: (request: Request, slug: string, cookie: string | undefined) => Promise<Response> = route(
  withStorageFaults(async (request: Request, slug: string, cookie: string | undefined) => {
    if (!challengeExists(slug)) throw new HttpError(404, `no challenge "${slug}"`);
    const learnerId = await learnerFromCookie(cookie, "submit attempts");
    limitRequest(request, "attempt", learnerId);
    const { submission, stored } = await readAttempt(request);

    const now = new Date();
    const limit = await checkRateLimit(db(), learnerId, now, rateLimitFromEnv());
    if (!limit.allowed) {
      throw new HttpError(429, `too many attempts: try again in ${limit.retryAfterSeconds} s`, {
        "retry-after": String(limit.retryAfterSeconds),
      });
    }

    const { result, hiddenFlows } = await runLearnerJob("the submission", { kind: "grade", slug, submission });
    // hiddenFlows is stored for the workshop's hosts and never part of the answer.
    const attempt = await recordAttempt(db(), {
      learnerId,
      challengeSlug: slug,
      submission: stored,
      result,
      hiddenFlows,
      now,
    });
    // The stored result (capped: a grade's messages can quote a huge input), so a reload shows the same.
    return apiJson<AttemptResponse>(attempt.result, { status: 201, headers: { "x-attempt-id": attempt.id } });
  }),
);
