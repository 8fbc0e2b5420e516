"use client";
import { useActionState, useState } from "react";
import type { ActionState, FormAction } from "@/lib/progress/action-state";
import { clearQuizAnswers } from "@/components/mdx/quiz-store";

/** Clears all of the learner's progress, after they type a confirmation (no accidental clicks). */
export function StartOverForm({ startOver }: { startOver: FormAction }) {
  const [round, setRound] = useState(0);
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  if (!open) {
    return (
      <div className="space-y-2">
        <button
          type="button"
          onClick={() => {
            setRound((r) => r + 1);
            setDone(null);
            setOpen(true);
          }}
          className="rounded-lg border border-red-300 px-4 py-2 text-sm font-medium text-red-700 hover:bg-red-50 dark:border-red-800 dark:text-red-400 dark:hover:bg-red-950/40"
        >
          Start over…
        </button>
        {done ? (
          <p role="status" className="text-sm text-slate-600 dark:text-slate-400">
            {done}
          </p>
        ) : null}
      </div>
    );
  }
  return (
    <ConfirmForm
      key={round}
      startOver={startOver}
      onCancel={() => setOpen(false)}
      onDone={(message) => {
        setDone(message);
        setOpen(false);
      }}
    />
  );
}

function ConfirmForm({
  startOver,
  onCancel,
  onDone,
}: {
  startOver: FormAction;
  onCancel: () => void;
  onDone: (message: string) => void;
}) {
  const [state, action, pending] = useActionState<ActionState, FormData>(async (prev, form) => {
    const result = await startOver(prev, form);
    if (result?.ok) {
      clearQuizAnswers();
      onDone(result.message);
    }
    return result;
  }, null);
  return (
    <form action={action} className="space-y-3 rounded-xl border border-red-300 p-4 dark:border-red-800">
      <p className="text-sm text-slate-700 dark:text-slate-300">
        This deletes every saved lab, completed lesson and challenge attempt of yours. It cannot be undone. Type{" "}
        <strong>start over</strong> to confirm.
      </p>
      <input
        name="confirm"
        autoComplete="off"
        aria-label="Type start over to confirm"
        className="w-64 rounded-lg border border-slate-300 bg-white px-3 py-2 dark:border-slate-700 dark:bg-slate-900"
      />
      <div className="flex gap-3">
        <button
          disabled={pending}
          className="rounded-lg bg-red-600 px-4 py-2 text-sm font-medium text-white disabled:opacity-50"
        >
          {pending ? "Clearing…" : "Delete my progress"}
        </button>
        <button type="button" onClick={onCancel} className="rounded-lg px-4 py-2 text-sm">
          Cancel
        </button>
      </div>
      {state && !state.ok ? (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
