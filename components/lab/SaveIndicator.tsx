"use client";
import { useLab } from "./LabContext";

/** Whether the learner's lab is safely saved; a failed save says so and offers a retry. */
export function SaveIndicator() {
  const { view, session } = useLab();
  const save = view.save;
  switch (save.kind) {
    case "idle":
      return null;
    case "pending":
    case "saving":
      return (
        <span className="text-xs text-slate-500" role="status">
          Saving…
        </span>
      );
    case "saved":
      return (
        <span className="text-xs text-slate-500" role="status">
          Saved
        </span>
      );
    case "error":
      return (
        <span className="flex items-center gap-2 text-xs text-red-600 dark:text-red-400" role="alert">
          Not saved ({save.message}); retrying in {Math.round(save.retryInMs / 1000)} s
          <button
            type="button"
            onClick={() => session.retrySave()}
            className="rounded border border-current px-1.5 py-0.5"
          >
            Retry now
          </button>
        </span>
      );
    case "refused":
      return (
        <span className="flex items-center gap-2 text-xs text-red-600 dark:text-red-400" role="alert">
          Not saved: {save.message}
          <button
            type="button"
            onClick={() => session.retrySave()}
            className="rounded border border-current px-1.5 py-0.5"
          >
            Try again
          </button>
        </span>
      );
  }
}
