"use client";
import Link from "next/link";
import { useEffect, useMemo, useState } from "react";
import type { Cell, Dashboard, ItemStat, LearnerRow } from "@/lib/workshops/dashboard";
import { inputClass } from "./api";

type Live = Omit<Dashboard, "generatedAt">;
type SortKey = "name" | "done" | "activity" | "stuck";

const STATUS_STYLE: Record<Cell["status"], string> = {
  "not-started": "bg-slate-100 text-slate-500 dark:bg-slate-800 dark:text-slate-400",
  "in-progress": "bg-brand-100 text-brand-700 dark:bg-brand-700/30 dark:text-brand-300",
  done: "bg-emerald-100 text-emerald-800 dark:bg-emerald-900/40 dark:text-emerald-300",
};
const STATUS_TEXT: Record<Cell["status"], string> = {
  "not-started": "not started",
  "in-progress": "in progress",
  done: "done",
};

const time = (iso: string | null) =>
  iso ? new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }) : "—";

/**
 * The live class view: subscribes to the dashboard's event stream (recomputed from the database once a
 * second on whichever instance serves it) and renders the grid and the class statistics.
 */
export function LiveDashboard({ workshopId }: { workshopId: string }) {
  const [idle, setIdle] = useState(10);
  const [failures, setFailures] = useState(3);
  const [data, setData] = useState<Live | null>(null);
  const [updatedAt, setUpdatedAt] = useState<Date | null>(null);
  const [connected, setConnected] = useState(false);
  const [filter, setFilter] = useState("");
  const [stuckOnly, setStuckOnly] = useState(false);
  const [sort, setSort] = useState<SortKey>("name");

  useEffect(() => {
    const source = new EventSource(`/api/workshops/${workshopId}/dashboard/events?idle=${idle}&failures=${failures}`);
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    source.onmessage = (event) => {
      setData(JSON.parse(event.data) as Live);
      setUpdatedAt(new Date());
      setConnected(true);
    };
    return () => source.close();
  }, [workshopId, idle, failures]);

  const learners = useMemo(() => {
    if (!data) return [];
    const needle = filter.trim().toLowerCase();
    const rows = data.learners.filter(
      (l) => (!stuckOnly || l.stuck) && (!needle || l.displayName.toLowerCase().includes(needle)),
    );
    const by: Record<SortKey, (a: LearnerRow, b: LearnerRow) => number> = {
      name: (a, b) => a.displayName.localeCompare(b.displayName),
      done: (a, b) => b.done - a.done || a.displayName.localeCompare(b.displayName),
      activity: (a, b) => b.lastActivity.localeCompare(a.lastActivity),
      stuck: (a, b) => Number(!!b.stuck) - Number(!!a.stuck) || a.displayName.localeCompare(b.displayName),
    };
    return [...rows].sort(by[sort]);
  }, [data, filter, stuckOnly, sort]);

  if (!data) return <p className="text-sm text-slate-500">Connecting to the live dashboard…</p>;
  const stuckCount = data.learners.filter((l) => l.stuck).length;

  return (
    <div className="space-y-8">
      <section aria-labelledby="grid-h" className="space-y-3">
        <div className="flex flex-wrap items-end gap-3">
          <h2 id="grid-h" className="mr-auto text-xl font-semibold text-slate-900 dark:text-white">
            Class{" "}
            <span className="text-base font-normal text-slate-500">
              · {data.learners.length} learners · {stuckCount} stuck
            </span>
          </h2>
          <span className="text-xs text-slate-500" aria-live="polite">
            {connected ? "live" : "reconnecting…"} · updated {updatedAt?.toLocaleTimeString() ?? "—"}
          </span>
        </div>
        <div className="flex flex-wrap items-end gap-3 text-sm">
          <label className="flex flex-col gap-1">
            <span>Filter by name</span>
            <input value={filter} onChange={(e) => setFilter(e.target.value)} className={inputClass} />
          </label>
          <label className="flex items-center gap-2 pb-2">
            <input type="checkbox" checked={stuckOnly} onChange={(e) => setStuckOnly(e.target.checked)} /> Stuck only
          </label>
          <label className="flex flex-col gap-1">
            <span>Sort by</span>
            <select value={sort} onChange={(e) => setSort(e.target.value as SortKey)} className={inputClass}>
              <option value="name">name</option>
              <option value="done">items done</option>
              <option value="activity">last activity</option>
              <option value="stuck">stuck first</option>
            </select>
          </label>
          <label className="flex flex-col gap-1">
            <span>Stuck after (min idle)</span>
            <input
              type="number"
              min={1}
              max={600}
              value={idle}
              onChange={(e) => setIdle(Math.max(1, Number(e.target.value) || 1))}
              className={`${inputClass} w-24`}
            />
          </label>
          <label className="flex flex-col gap-1">
            <span>or failed attempts on one check</span>
            <input
              type="number"
              min={1}
              max={100}
              value={failures}
              onChange={(e) => setFailures(Math.max(1, Number(e.target.value) || 1))}
              className={`${inputClass} w-24`}
            />
          </label>
        </div>
        <div className="overflow-x-auto rounded-xl border border-slate-200 dark:border-slate-800">
          <table className="min-w-full text-sm" aria-label="Learners by item">
            <thead className="bg-slate-50 text-left dark:bg-slate-900">
              <tr>
                <th className="px-3 py-2">Learner</th>
                {data.items.map((item) => (
                  <th key={`${item.kind}:${item.slug}`} className="px-3 py-2 font-medium">
                    {item.title}
                  </th>
                ))}
                <th className="px-3 py-2">Last activity</th>
                <th className="px-3 py-2">Stuck?</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
              {learners.map((l) => (
                <tr key={l.learnerId} data-learner={l.displayName}>
                  <th scope="row" className="px-3 py-2 text-left font-medium">
                    <Link
                      href={`/instructor/workshops/${workshopId}/learners/${l.learnerId}`}
                      className="hover:underline"
                    >
                      {l.displayName}
                    </Link>
                  </th>
                  {l.cells.map((c, i) => (
                    <td key={i} className="px-3 py-2">
                      <span className={`inline-block rounded px-2 py-0.5 text-xs ${STATUS_STYLE[c.status]}`}>
                        {STATUS_TEXT[c.status]}
                      </span>
                      {c.attempts > 0 ? (
                        <span className="ml-2 text-xs text-slate-500">
                          {c.attempts} {c.attempts === 1 ? "attempt" : "attempts"} · best {c.bestScore}
                        </span>
                      ) : null}
                    </td>
                  ))}
                  <td className="px-3 py-2 text-slate-500">{time(l.lastActivity)}</td>
                  <td className="px-3 py-2 text-red-700 dark:text-red-400">{l.stuck ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {learners.length === 0 ? (
            <p className="px-3 py-4 text-sm text-slate-500">
              No learners {data.learners.length ? "match" : "yet: share the join code"}.
            </p>
          ) : null}
        </div>
      </section>
      <section aria-labelledby="stats-h" className="space-y-4">
        <h2 id="stats-h" className="text-xl font-semibold text-slate-900 dark:text-white">
          What the class gets wrong
        </h2>
        {data.stats.map((s) => (
          <ItemStats key={`${s.kind}:${s.slug}`} stat={s} />
        ))}
      </section>
    </div>
  );
}

function ItemStats({ stat }: { stat: ItemStat }) {
  const failing = stat.checks.filter((c) => c.learnersFailing > 0 || c.failedAttempts > 0);
  return (
    <article
      className="space-y-2 rounded-xl border border-slate-200 p-4 dark:border-slate-800"
      aria-label={`Statistics for ${stat.title}`}
    >
      <h3 className="font-semibold text-slate-900 dark:text-white">{stat.title}</h3>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        {stat.started} started · {stat.done} done
        {stat.kind === "challenge" ? ` · ${stat.attempted} submitted` : ""} · median time{" "}
        {stat.medianMinutes === null ? "—" : `${stat.medianMinutes} min`}
      </p>
      {stat.wrongVerdicts.length > 0 ? (
        <ul className="space-y-1 text-sm" aria-label="Wrong verdicts">
          {stat.wrongVerdicts.slice(0, 8).map((v) => (
            <li key={`${v.check}:${v.flow}:${v.actual}`}>
              <span className="font-mono">{v.summary}</span>{" "}
              <span className="text-slate-500">
                ({v.percentEver}% at some point; expected {v.expected}; {v.hidden ? "hidden " : ""}check {v.check})
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {failing.length > 0 ? (
        <table className="text-sm" aria-label="Checks failed">
          <thead>
            <tr className="text-left text-slate-500">
              <th className="pr-4 font-normal">Check</th>
              <th className="pr-4 font-normal">Learners failing now</th>
              <th className="font-normal">Failed attempts</th>
            </tr>
          </thead>
          <tbody>
            {failing.map((c) => (
              <tr key={c.name}>
                <td className="pr-4">
                  {c.title}
                  {c.hidden ? <span className="ml-1 text-xs text-slate-500">(hidden)</span> : null}
                </td>
                <td className="pr-4">{c.learnersFailing}</td>
                <td>{c.failedAttempts}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {stat.hints.length > 0 ? (
        <details className="text-sm">
          <summary className="cursor-pointer">Rule shapes the grader recognised ({stat.hints.length})</summary>
          <ul className="mt-1 list-disc space-y-1 pl-5">
            {stat.hints.map((h) => (
              <li key={`${h.check}:${h.hint}`}>
                {h.learners} × {h.hint} <span className="text-slate-500">({h.check})</span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </article>
  );
}
