"use client";
import { useSyncExternalStore } from "react";
import { correctOnPage } from "@/components/mdx/quiz-store";

const noSubscribe = () => () => undefined;

/** "2/3 quizzes" for a lesson: the answers live in this browser, so the count is read here, not on the server. */
export function QuizCount({ page, total }: { page: string; total: number }) {
  const solved = useSyncExternalStore(
    noSubscribe,
    () => correctOnPage(page),
    () => null,
  );
  if (total === 0) return null;
  return (
    <span className="text-sm text-slate-500" data-quizzes={page}>
      {solved ?? 0}/{total} quizzes
    </span>
  );
}
