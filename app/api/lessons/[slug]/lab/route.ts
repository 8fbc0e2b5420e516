/**
 * A learner's lab for one lesson: GET restores it after a reload; PUT saves it. On every save the server
 * replays the lab on the lesson's scenario and decides itself which objectives hold — completion is
 * never the browser's word.
 */
import { NextResponse, type NextRequest } from "next/server";
import { replay } from "@/lib/cluster";
import { catalog } from "@/lib/content/catalog";
import { scenarioNamed } from "@/lib/content/scenarios";
import { db } from "@/lib/db";
import { withStorageFaults } from "@/lib/db/faults";
import { evaluateObjectives } from "@/lib/grading";
import { currentLearnerId } from "@/lib/progress/current";
import { readLabBody } from "@/lib/progress/lab-request";
import { loadLessonLab, saveLessonLab } from "@/lib/progress/lessons";

type Context = { params: Promise<{ slug: string }> };

const error = (status: number, message: string) => NextResponse.json({ error: message }, { status });

function lessonOf(slug: string) {
  return catalog().lessons.find((l) => l.slug === slug);
}

async function get(_request: NextRequest, { params }: Context) {
  const { slug } = await params;
  if (!lessonOf(slug)) return error(404, `no lesson "${slug}"`);
  const learnerId = await currentLearnerId();
  if (!learnerId) return NextResponse.json({ snapshot: null, objectivesMet: [], completed: false });
  const saved = await loadLessonLab(db(), learnerId, slug);
  return NextResponse.json(
    { snapshot: saved.snapshot, objectivesMet: saved.objectivesMet, completed: saved.completedAt !== null },
    { headers: { "cache-control": "no-store" } },
  );
}

async function put(request: NextRequest, { params }: Context) {
  const { slug } = await params;
  const lesson = lessonOf(slug);
  if (!lesson) return error(404, `no lesson "${slug}"`);
  const learnerId = await currentLearnerId();
  if (!learnerId) return error(401, "no learner cookie: enable cookies for this site to save your lab");

  const body = await readLabBody(request);
  if (!body.ok) return error(body.status, body.message);

  const { state } = replay(scenarioNamed(lesson.scenario), body.journal, { clock: () => Date.now(), random: () => 0.5 });
  const results = evaluateObjectives({ cluster: state, history: body.snapshot.history }, lesson.objectives);
  const met = results.filter((r) => r.passed).map((r) => r.name);
  const saved = await saveLessonLab(db(), learnerId, slug, {
    snapshot: body.snapshot,
    objectivesMet: met,
    allMet: met.length === lesson.objectives.length,
    now: new Date(),
  });
  return NextResponse.json({ objectivesMet: saved.objectivesMet, completed: saved.completedAt !== null });
}

// A database that cannot store or answer (disk full, file gone, server unreachable) is a 503 with a message.
export const GET = withStorageFaults(get);
export const PUT = withStorageFaults(put);
