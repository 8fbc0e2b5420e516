import type { Metadata } from "next";
import Link from "next/link";
import { StatusBadge } from "@/components/catalog/StatusBadge";
import { DisplayNameForm } from "@/components/progress/DisplayNameForm";
import { StartOverForm } from "@/components/progress/StartOverForm";
import { saveDisplayName, startOver } from "./actions";
import { QuizCount } from "@/components/progress/QuizCount";
import { catalog } from "@/lib/content/catalog";
import { quizCount } from "@/lib/content/lesson";
import { db } from "@/lib/db";
import { currentLearner } from "@/lib/progress/current";
import { progressSummary } from "@/lib/progress/summary";

export const metadata: Metadata = { title: "Your progress" };
export const dynamic = "force-dynamic";

export default async function ProgressPage() {
  const { lessons, challenges } = catalog();
  const learner = await currentLearner();
  const progress = learner ? await progressSummary(db(), learner.id) : { lessons: {}, challenges: {} };
  const lessonsDone = lessons.filter((l) => progress.lessons[l.slug]?.status === "complete").length;
  const challengesDone = challenges.filter((c) => progress.challenges[c.slug]?.status === "complete").length;
  const total = lessons.length + challenges.length;
  const percent = total === 0 ? 0 : Math.round(((lessonsDone + challengesDone) / total) * 100);

  return (
    <div className="mx-auto w-full max-w-4xl space-y-10 px-4 py-10 sm:px-6">
      <header className="space-y-3">
        <h1 className="text-3xl font-bold text-slate-900 dark:text-white">Your progress</h1>
        <p className="text-slate-600 dark:text-slate-400">
          {lessonsDone} of {lessons.length} lessons and {challengesDone} of {challenges.length} challenges complete.
          Progress is saved in this browser&apos;s anonymous learner cookie — no account needed.
        </p>
        <div
          role="progressbar"
          aria-label="Overall progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          className="h-3 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
        >
          <div className="h-full rounded-full bg-brand-400" style={{ width: `${percent}%` }} />
        </div>
      </header>

      <section aria-labelledby="p-lessons" className="space-y-3">
        <h2 id="p-lessons" className="text-xl font-semibold text-slate-900 dark:text-white">
          Lessons
        </h2>
        <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
          {lessons.map((lesson) => {
            const s = progress.lessons[lesson.slug];
            return (
              <li key={lesson.slug} className="flex items-center gap-4 px-4 py-3">
                <Link
                  href={`/lessons/${lesson.slug}`}
                  className="flex-1 font-medium text-slate-900 hover:underline dark:text-white"
                >
                  {lesson.order}. {lesson.title}
                </Link>
                <span className="text-sm text-slate-500">
                  {s?.objectivesMet ?? 0}/{lesson.objectives.length} objectives
                </span>
                <QuizCount page={`/lessons/${lesson.slug}`} total={quizCount(lesson)} />
                <StatusBadge status={s?.status ?? "not-started"} />
              </li>
            );
          })}
        </ul>
      </section>

      <section aria-labelledby="p-challenges" className="space-y-3">
        <h2 id="p-challenges" className="text-xl font-semibold text-slate-900 dark:text-white">
          Challenges
        </h2>
        {challenges.length === 0 ? (
          <p className="text-slate-500">No challenges yet.</p>
        ) : (
          <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
            {challenges.map((challenge) => {
              const s = progress.challenges[challenge.slug];
              return (
                <li key={challenge.slug} className="flex items-center gap-4 px-4 py-3">
                  <Link
                    href={`/challenges/${challenge.slug}`}
                    className="flex-1 font-medium text-slate-900 hover:underline dark:text-white"
                  >
                    {challenge.title}
                  </Link>
                  <span className="text-sm text-slate-500">
                    {s ? `best ${s.bestScore}% · ${s.attempts} attempt${s.attempts === 1 ? "" : "s"}` : "no attempts"}
                  </span>
                  <StatusBadge status={s?.status ?? "not-started"} />
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <section aria-labelledby="p-you" className="space-y-6 border-t border-slate-200 pt-8 dark:border-slate-800">
        <h2 id="p-you" className="text-xl font-semibold text-slate-900 dark:text-white">
          You
        </h2>
        <DisplayNameForm current={learner?.displayName ?? null} save={saveDisplayName} />
        <StartOverForm startOver={startOver} />
      </section>
    </div>
  );
}
