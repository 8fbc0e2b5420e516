"use client";
import type { Detail, PublicGradeResult, RedactedCheckResult, VisibleCheckResult } from "@/lib/grading";

const STATUS = {
  passed: { icon: "✓", label: "passed", className: "text-emerald-600 dark:text-emerald-400" },
  failed: { icon: "✗", label: "failed", className: "text-red-600 dark:text-red-400" },
  blocked: { icon: "…", label: "not checked yet", className: "text-slate-500" },
} as const;

/** Check texts mark commands and fields with backticks (`rules: http:`): shown as code, not as backticks. */
export function Prose({ text }: { text: string }) {
  const parts = text.split(/`([^`\n]+)`/);
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <code key={i} className="rounded bg-slate-100 px-1 font-mono text-[0.9em] dark:bg-slate-800">
            {part}
          </code>
        ) : (
          part
        ),
      )}
    </>
  );
}

/** A verdict in plain words (the engine's names are jargon: `denied-l7`). */
const VERDICT_WORDS: Record<string, string> = {
  allowed: "allowed",
  dropped: "dropped",
  "denied-l7": "refused by the HTTP proxy (403)",
  error: "an error",
};
const verdictWords = (v: string): string => VERDICT_WORDS[v] ?? v;

/** Hubble's policy_log of the flow, when the check asks for one. */
const logWords = (logs: readonly string[] | undefined): string =>
  logs === undefined ? "" : logs.length === 0 ? " with no policy log" : ` logged as ${logs.join(", ")}`;

/** Audit mode forwards a flow policy would drop: say so, since "allowed" alone hides it. */
const auditWords = (audited: boolean | undefined): string =>
  audited === undefined ? "" : audited ? " (audited: policy would drop it)" : " (not audited)";

function FlowLine({ detail }: { detail: Extract<Detail, { kind: "flow" }> }) {
  const f = detail.flow;
  const what = `${f.from} → ${f.to}:${f.port}/${f.protocol}${f.http ? ` ${f.http.method} ${f.http.path}` : ""}${f.dns ? ` (resolving ${f.dns})` : ""}`;
  return (
    <li className={detail.passed ? "text-slate-600 dark:text-slate-400" : "text-slate-800 dark:text-slate-200"}>
      <span className="font-mono text-xs">{what}</span>
      <span className="ml-2 text-xs">
        expected <strong>{verdictWords(detail.expected)}</strong>
        {detail.expectedSnatIP ? ` from ${detail.expectedSnatIP}` : ""}
        {auditWords(detail.expectedAudited)}
        {detail.expectedPolicyLog !== undefined ? ` logged as ${detail.expectedPolicyLog}` : ""}, got{" "}
        <strong className={detail.passed ? "" : "text-red-600 dark:text-red-400"}>{verdictWords(detail.actual)}</strong>
        {detail.actualSnatIP ? ` from ${detail.actualSnatIP}` : ""}
        {auditWords(detail.actualAudited)}
        {logWords(detail.actualPolicyLogs)}
      </span>
      {!detail.passed ? (
        <span className="mt-0.5 block text-xs text-slate-500">
          <Prose text={detail.reason} />
        </span>
      ) : null}
    </li>
  );
}

function DetailLine({ detail }: { detail: Detail }) {
  if (detail.kind === "flow") return <FlowLine detail={detail} />;
  return (
    <li className="text-xs">
      <Prose text={detail.message} />
      {detail.kind === "constraint" && detail.violations.length > 0 ? (
        <ul className="mt-1 list-disc pl-5">
          {detail.violations.map((v) => (
            <li key={v} className="font-mono">
              {v}
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

function CheckRow({
  check,
  titles,
}: {
  check: VisibleCheckResult | RedactedCheckResult;
  titles: ReadonlyMap<string, string>;
}) {
  const status = STATUS[check.status];
  const failing = "details" in check ? check.details.filter((d) => !d.passed) : [];
  return (
    <li className="py-3" data-check={check.name} data-status={check.status}>
      <p className="flex items-start gap-2">
        <span aria-hidden="true" className={`font-bold ${status.className}`}>
          {status.icon}
        </span>
        <span className="flex-1">
          <span className="font-medium text-slate-900 dark:text-white">{check.title}</span>
          {check.hidden ? (
            <span className="ml-2 rounded bg-slate-200 px-1.5 py-0.5 text-xs text-slate-600 dark:bg-slate-800 dark:text-slate-300">
              hidden check
            </span>
          ) : null}
          <span className="sr-only"> — {status.label}</span>
        </span>
      </p>
      {check.status === "blocked" && check.blockedBy ? (
        <p className="ml-6 text-xs text-slate-500">
          Checked once {check.blockedBy.length === 1 ? "this passes" : "these pass"}:{" "}
          {check.blockedBy.map((n) => `“${titles.get(n) ?? n}”`).join(", ")}.
        </p>
      ) : null}
      {check.status === "failed" && check.hidden ? (
        <p className="ml-6 text-xs text-slate-500">A hidden check tests the same goal on traffic you are not shown.</p>
      ) : null}
      {failing.length > 0 ? (
        <ul className="ml-6 mt-1 space-y-1">
          {failing.map((d, i) => (
            <DetailLine key={i} detail={d} />
          ))}
        </ul>
      ) : null}
      {check.status === "failed" && check.hint ? (
        <p className="ml-6 mt-2 rounded bg-amber-50 px-2 py-1.5 text-sm text-amber-900 dark:bg-amber-950/50 dark:text-amber-200">
          <strong>Hint:</strong> <Prose text={check.hint} />
        </p>
      ) : null}
    </li>
  );
}

/** A grade from the server: score, every check (hidden ones without their flows), hints, and problems with the policies. */
export function CheckResults({ result }: { result: PublicGradeResult }) {
  const titles = new Map(result.checks.map((c) => [c.name, c.title]));
  return (
    <div className="space-y-3" aria-live="polite">
      <p
        className={`text-lg font-semibold ${result.passed ? "text-emerald-700 dark:text-emerald-400" : "text-slate-900 dark:text-white"}`}
      >
        {result.passed ? "✓ Challenge solved" : "Not solved yet"} — score {result.score}%
      </p>
      {result.errors.length > 0 ? (
        <div
          role="alert"
          className="rounded-lg border border-red-300 bg-red-50 p-3 text-sm dark:border-red-800 dark:bg-red-950/40"
        >
          <p className="font-semibold">Problems with what you applied</p>
          <ul className="mt-1 list-disc space-y-1 pl-5">
            {result.errors.map((e, i) => (
              <li key={i}>
                {e.object ? <span className="font-mono">{e.object}: </span> : null}
                <Prose text={e.message} />
                {e.kind === "invalid" ? " (Cilium marks it VALID=False and enforces nothing)" : ""}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {result.warnings.length > 0 ? (
        <ul className="list-disc space-y-1 rounded-lg border border-amber-300 bg-amber-50 p-3 pl-8 text-sm dark:border-amber-800 dark:bg-amber-950/40">
          {result.warnings.map((w, i) => (
            <li key={i}>
              {w.object ? <span className="font-mono">{w.object}: </span> : null}
              <Prose text={w.message} />
            </li>
          ))}
        </ul>
      ) : null}
      <ul className="divide-y divide-slate-200 dark:divide-slate-800">
        {result.checks.map((check) => (
          <CheckRow key={check.name} check={check} titles={titles} />
        ))}
      </ul>
    </div>
  );
}
