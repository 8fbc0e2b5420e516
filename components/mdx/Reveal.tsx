"use client";
import { useId, useState, type ReactNode } from "react";

/** A solution or spoiler, hidden until the learner asks for it. */
export function Reveal({ title = "Show the solution", children }: { title?: string; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <div className="my-5 rounded-lg border border-dashed border-slate-300 dark:border-slate-700">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((v) => !v)}
        className="w-full px-4 py-3 text-left font-medium text-slate-700 hover:bg-slate-50 dark:text-slate-200 dark:hover:bg-slate-900"
      >
        {open ? "Hide" : title}
      </button>
      <div id={id} hidden={!open} className="border-t border-dashed border-slate-300 px-4 py-3 dark:border-slate-700">
        {children}
      </div>
    </div>
  );
}
