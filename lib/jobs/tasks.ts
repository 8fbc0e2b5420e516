/**
 * The jobs that run in the worker pool: everything the server computes from learner input. Each loads what
 * it needs itself (content is cached per worker, so a job carries only the learner's data across the
 * thread boundary) and returns plain data. Also callable in-process (tests, `npm run grade`).
 */
import { replay, type Journal } from "@/lib/cluster";
import { loadChallenge } from "@/lib/content/challenges";
import { catalog } from "@/lib/content/catalog";
import { scenarioNamed } from "@/lib/content/scenarios";
import { reproducibleDeps } from "@/lib/base/reproducible";
import { evaluateObjectives, type Submission } from "@/lib/grading";
import { gradeAttempt, type GradedAttempt } from "./grade";

export type Job =
  | { readonly kind: "grade"; readonly slug: string; readonly submission: Submission }
  | {
      readonly kind: "lesson-objectives";
      readonly slug: string;
      readonly journal: Journal;
      readonly history: readonly string[];
    };

export type LessonObjectives = { readonly objectivesMet: readonly string[]; readonly allMet: boolean };

export type JobResult<J extends Job> = J extends { kind: "grade" } ? GradedAttempt : LessonObjectives;

/**
 * A challenge's grade of a submission: as the learner may see it (hidden checks redacted), and the flows
 * the hidden checks got wrong, which only the workshop's hosts see.
 */
export function gradeJob(slug: string, submission: Submission): GradedAttempt {
  const loaded = loadChallenge(slug);
  if (!loaded) throw new Error(`no challenge "${slug}"`);
  return gradeAttempt(loaded, submission);
}

/** Replays a lesson's lab on its scenario and decides which objectives hold: never the browser's word. */
export function lessonObjectivesJob(slug: string, journal: Journal, history: readonly string[]): LessonObjectives {
  const lesson = catalog().lessons.find((l) => l.slug === slug);
  if (!lesson) throw new Error(`no lesson "${slug}"`);
  const { state } = replay(scenarioNamed(lesson.scenario), journal, reproducibleDeps());
  const met = evaluateObjectives({ cluster: state, history: [...history] }, lesson.objectives)
    .filter((r) => r.passed)
    .map((r) => r.name);
  return { objectivesMet: met, allMet: met.length === lesson.objectives.length };
}

/** Runs one job. */
export function runJob(job: Job): GradedAttempt | LessonObjectives {
  switch (job.kind) {
    case "grade":
      return gradeJob(job.slug, job.submission);
    case "lesson-objectives":
      return lessonObjectivesJob(job.slug, job.journal, job.history);
  }
}
