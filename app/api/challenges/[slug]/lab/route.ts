/**
 * A learner's lab for one challenge: GET restores it after a reload, PUT saves it as they work. Saving is
 * not submitting: only an attempt (../attempts) is graded.
 */
import type { NextRequest } from "next/server";
import { catalog } from "@/lib/content/catalog";
import { db } from "@/lib/db";
import { withStorageFaults } from "@/lib/db/faults";
import type { ChallengeLabResponse, ChallengeLabSaveResponse } from "@/lib/http/contract";
import { apiJson, HttpError, route } from "@/lib/http/errors";
import { readLabSave } from "@/lib/http/requests";
import { loadChallengeLab, saveChallengeLab } from "@/lib/progress/challenge-labs";
import { currentLearnerId } from "@/lib/progress/current";
import { limitRequest, requireLearner } from "@/lib/http/learner";

type Context = { params: Promise<{ slug: string }> };

const exists = (slug: string) => catalog().challenges.some((c) => c.slug === slug);

export const GET = route(
  withStorageFaults(async (_request: NextRequest, { params }: Context) => {
    const { slug } = await params;
    if (!exists(slug)) throw new HttpError(404, `no challenge "${slug}"`);
    const learnerId = await currentLearnerId();
    const snapshot = learnerId ? await loadChallengeLab(db(), learnerId, slug) : null;
    return apiJson<ChallengeLabResponse>({ snapshot });
  }),
);

export const PUT = route(
  withStorageFaults(async (request: NextRequest, { params }: Context) => {
    const { slug } = await params;
    if (!exists(slug)) throw new HttpError(404, `no challenge "${slug}"`);
    const learnerId = await requireLearner("save your lab");
    limitRequest(request, "save", learnerId);
    const { snapshot } = await readLabSave(request);
    await saveChallengeLab(db(), learnerId, slug, snapshot);
    return apiJson<ChallengeLabSaveResponse>({ saved: true });
  }),
);
