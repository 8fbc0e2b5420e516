"use client";
import { useOptionalLab } from "@/components/lab/LabContext";

/** One of the lesson's objectives, ticked live when the lab's state satisfies it. */
export function Objective({ name }: { name: string }) {
  const lab = useOptionalLab();
  const objective = lab?.view.objectives.find((o) => o.name === name);
  const met = objective?.passed ?? false;
  return (
    <div
      className={`not-prose my-4 flex items-start gap-3 rounded-lg border px-4 py-3 ${
        met
          ? "border-emerald-300 bg-emerald-50 dark:border-emerald-800 dark:bg-emerald-950/40"
          : "border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-900"
      }`}
      data-objective={name}
      data-met={met}
    >
      <span
        aria-hidden="true"
        className={`mt-0.5 flex h-5 w-5 shrink-0 items-center justify-center rounded-full text-xs font-bold ${
          met ? "bg-emerald-500 text-white" : "border-2 border-slate-300 dark:border-slate-600"
        }`}
      >
        {met ? "✓" : ""}
      </span>
      <span className="text-sm">
        <span className="block text-xs font-semibold uppercase tracking-wide text-slate-500">
          Objective{met ? " · done" : ""}
        </span>
        <span className="text-slate-800 dark:text-slate-200">{objective?.title ?? name}</span>
      </span>
    </div>
  );
}
