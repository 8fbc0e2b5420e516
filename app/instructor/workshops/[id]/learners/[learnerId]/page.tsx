import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { db } from "@/lib/db";
import { currentInstructor } from "@/lib/workshops/current";
import { learnerDetail } from "@/lib/workshops/learner-detail";
import { workshopForHost } from "@/lib/workshops/workshops";

export const metadata: Metadata = { title: "Learner" };
export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string; learnerId: string }> };

/** One learner, read-only: latest attempt per challenge with per-check results, and each saved lab's policies and history. */
export default async function LearnerPage({ params }: Params) {
  const instructor = await currentInstructor();
  if (!instructor) redirect("/instructor/sign-in");
  const { id, learnerId } = await params;
  const workshop = await workshopForHost(db(), instructor.id, id);
  if (!workshop) notFound();
  const detail = await learnerDetail(db(), workshop, learnerId);
  if (!detail) notFound();

  return (
    <div className="mx-auto w-full max-w-5xl space-y-8 px-4 py-8 sm:px-6">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
        <Link href="/instructor" className="hover:underline">
          Your workshops
        </Link>{" "}
        /{" "}
        <Link href={`/instructor/workshops/${workshop.id}`} className="hover:underline">
          {workshop.title}
        </Link>{" "}
        / {detail.displayName}
      </nav>
      <h1 className="text-3xl font-bold text-slate-900 dark:text-white">{detail.displayName}</h1>
      {detail.items.map((item) => (
        <section
          key={`${item.kind}:${item.slug}`}
          className="space-y-3 rounded-xl border border-slate-200 p-4 dark:border-slate-800"
          aria-label={item.title}
        >
          <h2 className="text-xl font-semibold text-slate-900 dark:text-white">
            {item.title} <span className="text-sm font-normal uppercase text-slate-500">{item.kind}</span>
          </h2>
          {item.kind === "challenge" ? (
            item.latestAttempt ? (
              <div className="space-y-2">
                <p className="text-sm">
                  Latest of {item.attempts} attempts: score {item.latestAttempt.score},{" "}
                  {item.latestAttempt.passed ? "passed" : "not passed"} ·{" "}
                  {new Date(item.latestAttempt.createdAt).toLocaleTimeString("en-GB", { timeZone: "UTC" })} UTC
                </p>
                <ul className="space-y-1 text-sm">
                  {item.latestAttempt.result.checks.map((c) => (
                    <li key={c.name}>
                      <span
                        className={
                          c.passed ? "text-emerald-700 dark:text-emerald-400" : "text-red-700 dark:text-red-400"
                        }
                      >
                        {c.passed ? "✓" : c.status === "blocked" ? "⊘" : "✗"}
                      </span>{" "}
                      {c.title}
                      {!c.hidden && !c.passed ? (
                        <ul className="ml-6 list-disc text-slate-600 dark:text-slate-400">
                          {c.details
                            .filter((d) => !d.passed)
                            .map((d, i) => (
                              <li key={i} className="font-mono text-xs">
                                {d.kind === "flow"
                                  ? `${d.flow.from} → ${d.flow.to}:${d.flow.port}: expected ${d.expected}, got ${d.actual}`
                                  : d.message}
                              </li>
                            ))}
                        </ul>
                      ) : null}
                    </li>
                  ))}
                </ul>
                {item.latestAttempt.result.errors.length > 0 ? (
                  <ul className="text-sm text-red-700 dark:text-red-400">
                    {item.latestAttempt.result.errors.map((e, i) => (
                      <li key={i}>
                        {e.object ? `${e.object}: ` : ""}
                        {e.message}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </div>
            ) : (
              <p className="text-sm text-slate-500">No attempts yet.</p>
            )
          ) : null}
          {item.lab ? (
            <div className="grid gap-4 md:grid-cols-2">
              <div>
                <h3 className="text-sm font-semibold">Policies in the lab now ({item.lab.policies.length})</h3>
                {item.lab.problem ? <p className="text-sm text-red-700">{item.lab.problem}</p> : null}
                {item.lab.policies.map((p) => (
                  <details key={p.name} className="text-sm">
                    <summary className="cursor-pointer font-mono">{p.name}</summary>
                    <pre className="overflow-x-auto rounded bg-slate-100 p-2 text-xs dark:bg-slate-900">{p.yaml}</pre>
                  </details>
                ))}
              </div>
              <div>
                <h3 className="text-sm font-semibold">
                  Command history ({item.lab.historyTotal}
                  {item.lab.historyTotal > item.lab.history.length ? `, latest ${item.lab.history.length}` : ""})
                </h3>
                <pre
                  className="max-h-80 overflow-auto rounded bg-slate-100 p-2 text-xs dark:bg-slate-900"
                  aria-label="Command history"
                >
                  {item.lab.history.join("\n")}
                </pre>
              </div>
            </div>
          ) : (
            <p className="text-sm text-slate-500">No saved lab.</p>
          )}
        </section>
      ))}
    </div>
  );
}
