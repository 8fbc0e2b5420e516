"use client";
import { useId, useState } from "react";

export type QuizOption = { text: string; correct?: boolean; explain: string };

/**
 * A single- or multiple-choice question. After "Check", every option shows whether it was right and why —
 * learning happens in the explanations, not in the score.
 */
export function Quiz({ question, options, multiple = false }: { question: string; options: QuizOption[]; multiple?: boolean }) {
  const name = useId();
  const [chosen, setChosen] = useState<ReadonlySet<number>>(new Set());
  const [checked, setChecked] = useState(false);
  const correct = new Set(options.flatMap((o, i) => (o.correct ? [i] : [])));
  const allRight = checked && chosen.size === correct.size && [...chosen].every((i) => correct.has(i));

  const toggle = (i: number) => {
    setChecked(false);
    setChosen((prev) => {
      if (!multiple) return new Set([i]);
      const next = new Set(prev);
      if (next.has(i)) next.delete(i);
      else next.add(i);
      return next;
    });
  };

  return (
    <fieldset className="not-prose my-6 rounded-xl border border-slate-200 p-4 dark:border-slate-800">
      <legend className="px-1 text-sm font-semibold uppercase tracking-wide text-slate-500">
        Quiz{multiple ? " · choose all that apply" : ""}
      </legend>
      <p className="mb-3 font-medium text-slate-900 dark:text-white">{question}</p>
      <ul className="space-y-2">
        {options.map((option, i) => {
          const isChosen = chosen.has(i);
          const verdict = checked && (isChosen || option.correct) ? (option.correct ? "right" : "wrong") : undefined;
          return (
            <li key={i}>
              <label
                className={`flex cursor-pointer items-start gap-3 rounded-lg border px-3 py-2 ${
                  verdict === "right"
                    ? "border-emerald-400 bg-emerald-50 dark:bg-emerald-950/40"
                    : verdict === "wrong"
                      ? "border-red-400 bg-red-50 dark:bg-red-950/40"
                      : "border-slate-200 hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-900"
                }`}
              >
                <input
                  type={multiple ? "checkbox" : "radio"}
                  name={name}
                  checked={isChosen}
                  onChange={() => toggle(i)}
                  className="mt-1 accent-amber-500"
                />
                <span className="flex-1">
                  <span className="block text-slate-800 dark:text-slate-200">{option.text}</span>
                  {checked && (isChosen || option.correct) ? (
                    <span className="mt-1 block text-sm text-slate-600 dark:text-slate-400">
                      <strong>{option.correct ? (isChosen ? "Right. " : "You missed this one. ") : "Not quite. "}</strong>
                      {option.explain}
                    </span>
                  ) : null}
                </span>
              </label>
            </li>
          );
        })}
      </ul>
      <div className="mt-3 flex items-center gap-3">
        <button
          type="button"
          disabled={chosen.size === 0}
          onClick={() => setChecked(true)}
          className="rounded-lg bg-slate-900 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-40 dark:bg-white dark:text-slate-900"
        >
          Check
        </button>
        <p role="status" className="text-sm">
          {checked ? (allRight ? "✓ Correct." : "Not yet — read the explanations and try again.") : ""}
        </p>
      </div>
    </fieldset>
  );
}
