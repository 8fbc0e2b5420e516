"use client";
import { usePathname } from "next/navigation";
import { useEffect, useId, useState } from "react";
import { loadAnswer, quizKey, saveAnswer } from "./quiz-store";

export type QuizOption = { text: string; correct?: boolean; explain: string };

/**
 * A single- or multiple-choice question. "Check" explains the options the learner chose; the right answers
 * are shown only once the learner found them, so a wrong try does not give the answer away. The answer is
 * kept in the browser across reloads (and counted on the progress page).
 */
export function Quiz({
  question,
  options,
  multiple = false,
}: {
  question: string;
  options: QuizOption[];
  multiple?: boolean;
}) {
  const name = useId();
  const key = quizKey(usePathname() ?? "", question);
  const [chosen, setChosen] = useState<ReadonlySet<number>>(new Set());
  const [checked, setChecked] = useState(false);
  const correct = new Set(options.flatMap((o, i) => (o.correct ? [i] : [])));
  const isRight = (set: ReadonlySet<number>) => set.size === correct.size && [...set].every((i) => correct.has(i));
  const allRight = checked && isRight(chosen);

  useEffect(() => {
    const saved = loadAnswer(key);
    if (!saved) return;
    // Restoring the learner's answer after hydration; the server cannot know it.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setChosen(new Set(saved.chosen.filter((i) => i >= 0 && i < options.length)));
    setChecked(true);
  }, [key, options.length]);

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

  const check = () => {
    setChecked(true);
    saveAnswer(key, { chosen: [...chosen].sort((a, b) => a - b), correct: isRight(chosen) });
  };

  const missing = checked && !allRight && [...chosen].every((i) => correct.has(i));

  return (
    <fieldset
      className="not-prose my-6 rounded-xl border border-slate-200 p-4 dark:border-slate-800"
      data-quiz={allRight ? "correct" : checked ? "wrong" : "open"}
    >
      <legend className="px-1 text-sm font-semibold uppercase tracking-wide text-slate-500">
        Quiz{multiple ? " · choose all that apply" : ""}
      </legend>
      <p className="mb-3 font-medium text-slate-900 dark:text-white">{question}</p>
      <ul className="space-y-2">
        {options.map((option, i) => {
          const isChosen = chosen.has(i);
          // Before the learner found the answer, only their own choices are judged.
          const shown = checked && (isChosen || (allRight && option.correct));
          const verdict = shown ? (option.correct ? "right" : "wrong") : undefined;
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
                  {shown ? (
                    <span className="mt-1 block text-sm text-slate-600 dark:text-slate-400">
                      <strong>{option.correct ? "Right. " : "Not quite. "}</strong>
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
          onClick={check}
          className="rounded-lg bg-slate-900 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-40 dark:bg-white dark:text-slate-900"
        >
          Check
        </button>
        <p role="status" className="text-sm">
          {checked
            ? allRight
              ? "✓ Correct."
              : missing
                ? "Right so far, but not all: more than one answer is correct."
                : "Not yet — read the explanation and try again."
            : ""}
        </p>
      </div>
    </fieldset>
  );
}
