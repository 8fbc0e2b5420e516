/**
 * A learner's attempts at a challenge. POST grades a submission on the server and stores it: the body is
 * data (`{ journal, commands }` or `{ manifests, commands }`), never a claim about the result; the response
 * is the learner's view of the grade (hidden checks without their flows). GET summarises the attempts so
 * the page can show them after a reload. Contract: lib/http/README.md and contract.ts.
 */
import type { NextRequest } from "next/server";
import { catalog } from "@/lib/content/catalog";
import { db } from "@/lib/db";
import { withStorageFaults } from "@/lib/db/faults";
import { apiJson, HttpError, route } from "@/lib/http/errors";
import { wire, type AttemptResponse, type AttemptsSummaryResponse } from "@/lib/http/contract";
import { limitRequest, requireLearner } from "@/lib/http/learner";
import { readAttempt } from "@/lib/http/requests";
import { runLearnerJob } from "@/lib/jobs";
import { attemptsSummary, checkRateLimit, rateLimitFromEnv, recordAttempt } from "@/lib/progress/attempts";
import { currentLearnerId } from "@/lib/progress/current";

type Context = { params: Promise<{ slug: string }> };

const exists = (slug: string) => catalog().challenges.some((c) => c.slug === slug);

export const POST = route(
  withStorageFaults(async (request: NextRequest, { params }: Context) => {
    const { slug } = await params;
    if (!exists(slug)) throw new HttpError(404, `no challenge "${slug}"`);
    const learnerId = await requireLearner("submit attempts");
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

export const GET = route(
  withStorageFaults(async (_request: NextRequest, { params }: Context) => {
    const { slug } = await params;
    if (!exists(slug)) throw new HttpError(404, `no challenge "${slug}"`);
    const learnerId = await currentLearnerId();
    if (!learnerId) return apiJson<AttemptsSummaryResponse>({ attempts: 0, bestScore: 0, passed: false, last: null });
    return apiJson<AttemptsSummaryResponse>(wire(await attemptsSummary(db(), learnerId, slug)));
  }),
);
