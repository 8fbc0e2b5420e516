/**
 * A learner's lab for one lesson: GET restores it after a reload; PUT saves it. On every save the server
 * replays the lab on the lesson's scenario (in the worker pool, lib/jobs) and decides itself which
 * objectives hold — completion is never the browser's word. A lab that fails or runs over its budget is
 * not saved, so the previous save stays.
 */
import type { NextRequest } from "next/server";
import { catalog } from "@/lib/content/catalog";
import { db } from "@/lib/db";
import { withStorageFaults } from "@/lib/db/faults";
import type { LessonLabResponse, LessonSaveResponse } from "@/lib/http/contract";
import { apiJson, HttpError, route } from "@/lib/http/errors";
import { readLabSave } from "@/lib/http/requests";
import { runLearnerJob } from "@/lib/jobs";
import { currentLearnerId } from "@/lib/progress/current";
import { limitRequest, requireLearner } from "@/lib/http/learner";
import { loadLessonLab, saveLessonLab } from "@/lib/progress/lessons";

type Context = { params: Promise<{ slug: string }> };

function lessonOf(slug: string) {
  return catalog().lessons.find((l) => l.slug === slug);
}

export const GET = route(
  withStorageFaults(async (_request: NextRequest, { params }: Context) => {
    const { slug } = await params;
    if (!lessonOf(slug)) throw new HttpError(404, `no lesson "${slug}"`);
    const learnerId = await currentLearnerId();
    if (!learnerId) return apiJson<LessonLabResponse>({ snapshot: null, objectivesMet: [], completed: false });
    const saved = await loadLessonLab(db(), learnerId, slug);
    return apiJson<LessonLabResponse>({
      snapshot: saved.snapshot,
      objectivesMet: saved.objectivesMet,
      completed: saved.completedAt !== null,
    });
  }),
);

export const PUT = route(
  withStorageFaults(async (request: NextRequest, { params }: Context) => {
    const { slug } = await params;
    const lesson = lessonOf(slug);
    if (!lesson) throw new HttpError(404, `no lesson "${slug}"`);
    const learnerId = await requireLearner("save your lab");
    limitRequest(request, "save", learnerId);
    const body = await readLabSave(request);

    const checked = await runLearnerJob("the lab", {
      kind: "lesson-objectives",
      slug,
      journal: body.journal,
      history: body.snapshot.history,
    });
    const saved = await saveLessonLab(db(), learnerId, slug, {
      snapshot: body.snapshot,
      objectivesMet: checked.objectivesMet,
      allMet: checked.allMet,
      now: new Date(),
    });
    return apiJson<LessonSaveResponse>({ objectivesMet: saved.objectivesMet, completed: saved.completedAt !== null });
  }),
);
