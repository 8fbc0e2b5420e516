"use client";
import { useActionState } from "react";
import type { ActionState, FormAction } from "@/lib/progress/action-state";

/** Lets an anonymous learner pick the name an instructor or a leaderboard would show. */
export function DisplayNameForm({ current, save }: { current: string | null; save: FormAction }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(save, null);
  return (
    <form action={action} className="flex flex-wrap items-end gap-3">
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium text-slate-700 dark:text-slate-300">Display name</span>
        <input
          name="displayName"
          defaultValue={current ?? ""}
          maxLength={40}
          placeholder="Anonymous learner"
          className="w-64 rounded-lg border border-slate-300 bg-white px-3 py-2 dark:border-slate-700 dark:bg-slate-900"
        />
      </label>
      <button
        disabled={pending}
        className="rounded-lg bg-slate-900 px-4 py-2 text-sm font-medium text-white disabled:opacity-50 dark:bg-white dark:text-slate-900"
      >
        {pending ? "Saving…" : "Save"}
      </button>
      <p
        role="status"
        className={`w-full text-sm ${state?.ok === false ? "text-red-600 dark:text-red-400" : "text-slate-600 dark:text-slate-400"}`}
      >
        {state?.message ?? ""}
      </p>
    </form>
  );
}
