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

type Phase =
  | { kind: "idle" }
  | { kind: "grading" }
  /** The server was too busy to start grading (503, nothing recorded): the same request goes again shortly. */
  | { kind: "waiting"; seconds: number; tries: number }
  | { kind: "error"; message: string };

/** Busy answers retried before the learner is told (a class's burst clears within seconds). */
const BUSY_RETRIES = 4;
const MAX_WAIT_S = 10;

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
    const request = JSON.stringify({
      journal: gradedJournal(shell),
      commands: shell.history.slice(-200),
    } satisfies AttemptRequest);
    try {
      for (let tries = 1; ; tries++) {
        const response = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: request,
        });
        const body = (await response.json().catch(() => null)) as (AttemptResponse & Partial<ApiErrorBody>) | null;
        const wait = response.headers.get("retry-after");
        if (response.status === 503 && wait !== null && tries <= BUSY_RETRIES) {
          // Nothing was recorded: sending the same attempt again cannot count it twice.
          const seconds = Math.min(MAX_WAIT_S, Math.max(1, Number(wait) || 2)) + Math.random();
          setPhase({ kind: "waiting", seconds: Math.round(seconds), tries });
          await new Promise((r) => setTimeout(r, seconds * 1000));
          setPhase({ kind: "grading" });
          continue;
        }
        if (!response.ok || !body) {
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
        return;
      }
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
          disabled={view.phase !== "ready" || phase.kind === "grading" || phase.kind === "waiting"}
          className="ml-auto rounded-lg bg-brand-400 px-4 py-2 text-sm font-semibold text-slate-900 hover:bg-brand-300 disabled:opacity-50"
        >
          {phase.kind === "grading" || phase.kind === "waiting" ? "Checking…" : "Check my work"}
        </button>
      </div>
      {phase.kind === "waiting" ? (
        <p role="status" className="text-sm text-slate-600 dark:text-slate-300">
          The server is busy grading the class: your check goes again in {phase.seconds} s (try {phase.tries + 1}
          ). Nothing is lost.
        </p>
      ) : null}
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
