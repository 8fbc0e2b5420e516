"use client";
import { useEffect, useState } from "react";
import { useLab } from "@/components/lab/LabContext";
import type { PublicCheck } from "@/lib/content/challenges";
import type { ApiErrorBody, AttemptRequest, AttemptResponse, AttemptsSummaryResponse } from "@/lib/http/contract";
import type { ShellState } from "@/lib/shell";
import { CheckResults } from "./CheckResults";

/** What the grader needs: the lab's changes, without the connections (curls don't change what is graded). */
function gradedJournal(shell: ShellState) {
  return shell.cluster.journal.filter((op) => op.op !== "connect");
}

type Summary = Pick<AttemptsSummaryResponse, "attempts" | "bestScore" | "passed"> & {
  last: { result: AttemptResponse } | null;
};

type Phase = { kind: "idle" } | { kind: "grading" } | { kind: "error"; message: string };

/**
 * The challenge's checks and the Check button. The server grades what the learner applied (the lab's
 * journal) and answers with the result; this panel only shows it — the browser never decides "passed".
 */
export function ChallengePanel({ slug, checks }: { slug: string; checks: readonly PublicCheck[] }) {
  const { view } = useLab();
  const [result, setResult] = useState<AttemptResponse | null>(null);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const url = `/api/challenges/${slug}/attempts`;

  useEffect(() => {
    let live = true;
    fetch(url, { cache: "no-store" })
      .then((r) => (r.ok ? (r.json() as Promise<AttemptsSummaryResponse>) : null))
      .then((s) => {
        if (!live || !s) return;
        setSummary(s);
        if (s.last) setResult(s.last.result);
      })
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [url]);

  const check = async () => {
    const shell = view.shell;
    if (!shell) return;
    setPhase({ kind: "grading" });
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          journal: gradedJournal(shell),
          commands: shell.history.slice(-200),
        } satisfies AttemptRequest),
      });
      const body = (await response.json().catch(() => null)) as (AttemptResponse & Partial<ApiErrorBody>) | null;
      if (!response.ok || !body) {
        const wait = response.headers.get("retry-after");
        throw new Error(
          body?.error ?? `the server answered ${response.status}${wait ? `; try again in ${wait} s` : ""}`,
        );
      }
      setResult(body);
      setSummary((s) => ({
        attempts: (s?.attempts ?? 0) + 1,
        bestScore: Math.max(s?.bestScore ?? 0, body.score),
        passed: (s?.passed ?? false) || body.passed,
        last: { result: body },
      }));
      setPhase({ kind: "idle" });
    } catch (error) {
      setPhase({ kind: "error", message: (error as Error).message });
    }
  };

  return (
    <section
      aria-labelledby="checks-heading"
      className="space-y-4 rounded-xl border border-slate-200 p-4 dark:border-slate-800"
    >
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="checks-heading" className="text-lg font-semibold text-slate-900 dark:text-white">
          Checks
        </h2>
        {summary && summary.attempts > 0 ? (
          <span className="text-sm text-slate-500">
            best {summary.bestScore}% · {summary.attempts} attempt{summary.attempts === 1 ? "" : "s"}
            {summary.passed ? " · solved ✓" : ""}
          </span>
        ) : null}
        <button
          type="button"
          onClick={check}
          disabled={view.phase !== "ready" || phase.kind === "grading"}
          className="ml-auto rounded-lg bg-brand-400 px-4 py-2 text-sm font-semibold text-slate-900 hover:bg-brand-300 disabled:opacity-50"
        >
          {phase.kind === "grading" ? "Checking…" : "Check my work"}
        </button>
      </div>
      {phase.kind === "error" ? (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          Could not check: {phase.message}
        </p>
      ) : null}
      {result ? (
        <CheckResults result={result} />
      ) : (
        <ul className="space-y-1 text-sm">
          {checks.map((c) => (
            <li key={c.name} className="flex items-start gap-2">
              <span aria-hidden="true" className="text-slate-400">
                ○
              </span>
              <span>
                {c.title}
                {c.hidden ? <span className="ml-2 text-xs text-slate-500">(hidden check)</span> : null}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
