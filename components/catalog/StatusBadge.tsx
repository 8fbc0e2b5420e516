import type { ItemStatus } from "@/lib/progress/summary";

const STYLE: Record<ItemStatus, { label: string; className: string }> = {
  "not-started": {
    label: "Not started",
    className: "bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-300",
  },
  "in-progress": {
    label: "In progress",
    className: "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300",
  },
  complete: {
    label: "Complete",
    className: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300",
  },
};

/** A learner's status for one lesson or challenge, in words (not only colour). */
export function StatusBadge({ status }: { status: ItemStatus }) {
  const style = STYLE[status];
  return (
    <span
      className={`inline-flex shrink-0 items-center rounded-full px-2 py-0.5 text-xs font-medium ${style.className}`}
    >
      {status === "complete" ? "✓ " : ""}
      {style.label}
    </span>
  );
}
