/**
 * A learner's attempts at a challenge. POST grades a submission on the server and stores it
 * (lib/http/attempt-submit.ts; under `npm start` the server answers it before Next.js routes, fast-path.ts).
 * GET summarises the attempts so the page can show them after a reload. Contract: lib/http/README.md and
 * contract.ts.
 */
import type { NextRequest } from "next/server";
import { db } from "@/lib/db";
import { withStorageFaults } from "@/lib/db/faults";
import { challengeExists, submitAttempt } from "@/lib/http/attempt-submit";
import { apiJson, HttpError, route } from "@/lib/http/errors";
import { wire, type AttemptsSummaryResponse } from "@/lib/http/contract";
import { LEARNER_COOKIE } from "@/lib/learner/cookie";
import { attemptsSummary } from "@/lib/progress/attempts";
import { currentLearnerId } from "@/lib/progress/current";

type Context = { params: Promise<{ slug: string }> };

export const POST = async (request: NextRequest, { params }: Context) =>
  submitAttempt(request, (await params).slug, request.cookies.get(LEARNER_COOKIE)?.value);

export const GET = route(
  withStorageFaults(async (_request: NextRequest, { params }: Context) => {
    const { slug } = await params;
    if (!challengeExists(slug)) throw new HttpError(404, `no challenge "${slug}"`);
    const learnerId = await currentLearnerId();
    if (!learnerId) return apiJson<AttemptsSummaryResponse>({ attempts: 0, bestScore: 0, passed: false, last: null });
    return apiJson<AttemptsSummaryResponse>(wire(await attemptsSummary(db(), learnerId, slug)));
  }),
);
