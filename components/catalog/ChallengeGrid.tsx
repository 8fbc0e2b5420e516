import Link from "next/link";
import type { ChallengeMeta } from "@/lib/content/catalog";
import type { ChallengeSummary } from "@/lib/progress/summary";
import { StatusBadge } from "./StatusBadge";

/** The graded challenges as cards, with best score and attempts once the learner has tried. */
export function ChallengeGrid({
  challenges,
  progress,
}: {
  challenges: readonly ChallengeMeta[];
  progress: Readonly<Record<string, ChallengeSummary>>;
}) {
  return (
    <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
      {challenges.map((challenge) => {
        const summary = progress[challenge.slug];
        return (
          <li key={challenge.slug}>
            <Link
              href={`/challenges/${challenge.slug}`}
              className="flex h-full flex-col gap-2 rounded-xl border border-slate-200 p-4 hover:border-brand-400 hover:bg-slate-50 dark:border-slate-800 dark:hover:bg-slate-900"
            >
              <span className="flex items-start justify-between gap-2">
                <span className="font-medium text-slate-900 dark:text-white">{challenge.title}</span>
                <StatusBadge status={summary?.status ?? "not-started"} />
              </span>
              <span className="flex-1 text-sm text-slate-600 dark:text-slate-400">{challenge.summary}</span>
              <span className="text-xs text-slate-500">
                {challenge.difficulty} · {challenge.minutes} min
                {summary
                  ? ` · best ${summary.bestScore}% · ${summary.attempts} attempt${summary.attempts === 1 ? "" : "s"}`
                  : ""}
              </span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
