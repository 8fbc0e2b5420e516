import Link from "next/link";
import type { LessonMeta } from "@/lib/content/catalog";
import type { Track } from "@/lib/content/schemas";
import type { LessonSummary } from "@/lib/progress/summary";
import { StatusBadge } from "./StatusBadge";

/** One track of the catalogue and its lessons, in order, with the learner's status for each. */
export function TrackSection({
  track,
  lessons,
  progress,
}: {
  track: Track;
  lessons: readonly LessonMeta[];
  progress: Readonly<Record<string, LessonSummary>>;
}) {
  return (
    <section aria-labelledby={`track-${track.id}`} className="space-y-3">
      <div>
        <h3 id={`track-${track.id}`} className="text-lg font-semibold text-slate-900 dark:text-white">
          {track.title}
        </h3>
        <p className="text-sm text-slate-600 dark:text-slate-400">{track.summary}</p>
      </div>
      {lessons.length === 0 ? (
        <p className="text-sm italic text-slate-500">No lessons in this track yet.</p>
      ) : (
        <ol className="divide-y divide-slate-200 overflow-hidden rounded-xl border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
          {lessons.map((lesson) => {
            const summary = progress[lesson.slug];
            return (
              <li key={lesson.slug}>
                <Link
                  href={`/lessons/${lesson.slug}`}
                  className="flex items-start gap-4 px-4 py-3 hover:bg-slate-50 dark:hover:bg-slate-900"
                >
                  <span className="mt-0.5 w-6 shrink-0 text-right font-mono text-sm text-slate-400">
                    {lesson.order}
                  </span>
                  <span className="min-w-0 flex-1">
                    <span className="block font-medium text-slate-900 dark:text-white">{lesson.title}</span>
                    <span className="block text-sm text-slate-600 dark:text-slate-400">{lesson.summary}</span>
                    <span className="mt-1 block text-xs text-slate-500">
                      {lesson.minutes} min · {lesson.objectives.length} objectives
                      {summary && summary.status !== "complete" ? ` · ${summary.objectivesMet} met` : ""}
                    </span>
                  </span>
                  <StatusBadge status={summary?.status ?? "not-started"} />
                </Link>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
