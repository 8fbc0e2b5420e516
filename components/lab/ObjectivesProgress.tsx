"use client";
import { useLab } from "./LabContext";

/** The objectives as a progress bar with their titles: what is left to do in this lab. */
export function ObjectivesProgress() {
  const { view } = useLab();
  const total = view.objectives.length;
  const met = view.objectives.filter((o) => o.passed).length;
  const percent = total === 0 ? 0 : Math.round((met / total) * 100);
  return (
    <section aria-label="Objectives" className="space-y-2 rounded-xl border border-slate-200 p-4 dark:border-slate-800">
      <div className="flex items-center justify-between text-sm">
        <span className="font-semibold text-slate-900 dark:text-white">Objectives</span>
        <span className="text-slate-600 dark:text-slate-400" aria-live="polite">
          {view.phase === "ready"
            ? `${met} of ${total} met${met === total && total > 0 ? " — lesson complete 🎉" : ""}`
            : "loading the lab…"}
        </span>
      </div>
      <div
        role="progressbar"
        aria-label="Objectives met"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={met}
        className="h-2 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
      >
        <div
          className="h-full rounded-full bg-emerald-500 transition-[width] duration-300"
          style={{ width: `${percent}%` }}
        />
      </div>
      <ul className="space-y-1 text-sm">
        {view.objectives.map((o) => (
          <li key={o.name} className="flex items-start gap-2">
            <span aria-hidden="true" className={o.passed ? "text-emerald-600" : "text-slate-400"}>
              {o.passed ? "✓" : "○"}
            </span>
            <span
              className={
                o.passed ? "text-slate-500 line-through decoration-slate-400" : "text-slate-700 dark:text-slate-300"
              }
            >
              {o.title}
              <span className="sr-only">{o.passed ? " (met)" : " (not met yet)"}</span>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
