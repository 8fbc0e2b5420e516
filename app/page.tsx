import Link from "next/link";
import { ChallengeGrid } from "@/components/catalog/ChallengeGrid";
import { TrackSection } from "@/components/catalog/TrackSection";
import { catalog } from "@/lib/content/catalog";
import { db } from "@/lib/db";
import { currentLearner } from "@/lib/progress/current";
import { progressSummary, type ProgressSummary } from "@/lib/progress/summary";

// Per-learner progress: rendered per request.
export const dynamic = "force-dynamic";

const EMPTY: ProgressSummary = { lessons: {}, challenges: {} };

export default async function HomePage() {
  const { tracks, lessons, challenges } = catalog();
  const learner = await currentLearner();
  const progress = learner ? await progressSummary(db(), learner.id) : EMPTY;
  const firstLesson = lessons[0];
  const untracked = lessons.filter((l) => !tracks.some((t) => t.id === l.track));

  return (
    <div className="mx-auto w-full max-w-6xl space-y-14 px-4 py-10 sm:px-6">
      <section className="max-w-3xl space-y-4">
        <h1 className="text-3xl font-bold tracking-tight text-slate-900 sm:text-4xl dark:text-white">
          Learn Cilium network policies by breaking a cluster that never breaks.
        </h1>
        <p className="text-lg text-slate-600 dark:text-slate-300">
          Each lesson sits beside a live terminal on a simulated Kubernetes cluster running Cilium: type real{" "}
          <code className="font-mono text-base">kubectl</code>, <code className="font-mono text-base">cilium</code> and{" "}
          <code className="font-mono text-base">hubble</code> commands, apply policies, and see every verdict explained.
          Then prove it in graded challenges.
        </p>
        {firstLesson ? (
          <Link
            href={`/lessons/${firstLesson.slug}`}
            className="inline-flex items-center rounded-lg bg-brand-400 px-4 py-2 font-semibold text-slate-900 hover:bg-brand-300"
          >
            Start with “{firstLesson.title}”
          </Link>
        ) : null}
      </section>

      <section id="lessons" aria-labelledby="lessons-heading" className="scroll-mt-20 space-y-8">
        <h2 id="lessons-heading" className="text-2xl font-semibold text-slate-900 dark:text-white">
          Lessons
        </h2>
        {lessons.length === 0 ? (
          <EmptyNote what="lessons" folder="content/lessons" />
        ) : (
          [...tracks.map((track) => ({ track, items: lessons.filter((l) => l.track === track.id) }))]
            .filter(({ items }) => items.length > 0)
            .map(({ track, items }) => (
              <TrackSection key={track.id} track={track} lessons={items} progress={progress.lessons} />
            ))
        )}
        {untracked.length > 0 ? (
          <TrackSection
            track={{ id: "other", title: "Other lessons", summary: "Lessons not yet placed in a track." }}
            lessons={untracked}
            progress={progress.lessons}
          />
        ) : null}
      </section>

      <section id="challenges" aria-labelledby="challenges-heading" className="scroll-mt-20 space-y-6">
        <div>
          <h2 id="challenges-heading" className="text-2xl font-semibold text-slate-900 dark:text-white">
            Challenges
          </h2>
          <p className="text-slate-600 dark:text-slate-400">A goal, a cluster, and a grader that checks the flows.</p>
        </div>
        {challenges.length === 0 ? (
          <EmptyNote what="challenges" folder="content/challenges" />
        ) : (
          <ChallengeGrid challenges={challenges} progress={progress.challenges} />
        )}
      </section>
    </div>
  );
}

function EmptyNote({ what, folder }: { what: string; folder: string }) {
  return (
    <p className="rounded-xl border border-dashed border-slate-300 px-4 py-6 text-center text-slate-500 dark:border-slate-700">
      No {what} yet. Authors add them under <code className="font-mono">{folder}</code> (see content/README.md).
    </p>
  );
}
