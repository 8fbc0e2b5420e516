import type { ReactNode } from "react";

const KINDS = {
  note: { label: "Note", icon: "ℹ", className: "border-sky-300 bg-sky-50 dark:border-sky-800 dark:bg-sky-950/40" },
  tip: {
    label: "Tip",
    icon: "✦",
    className: "border-emerald-300 bg-emerald-50 dark:border-emerald-800 dark:bg-emerald-950/40",
  },
  warning: {
    label: "Warning",
    icon: "⚠",
    className: "border-amber-300 bg-amber-50 dark:border-amber-800 dark:bg-amber-950/40",
  },
  danger: { label: "Danger", icon: "⛔", className: "border-red-300 bg-red-50 dark:border-red-800 dark:bg-red-950/40" },
} as const;

export type CalloutType = keyof typeof KINDS;

/** An aside in a lesson: a note, a tip, a warning or a danger. */
export function Callout({
  type = "note",
  title,
  children,
}: {
  type?: CalloutType;
  title?: string;
  children: ReactNode;
}) {
  const kind = KINDS[type] ?? KINDS.note;
  return (
    <aside
      className={`not-prose my-5 rounded-lg border-l-4 px-4 py-3 text-[0.95rem] ${kind.className}`}
      aria-label={title ?? kind.label}
    >
      <p className="mb-1 font-semibold text-slate-900 dark:text-white">
        <span aria-hidden="true">{kind.icon} </span>
        {title ?? kind.label}
      </p>
      <div className="space-y-2 text-slate-700 dark:text-slate-300 [&_code]:font-mono [&_code]:text-[0.9em]">
        {children}
      </div>
    </aside>
  );
}
