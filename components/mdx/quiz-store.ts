/**
 * Quiz answers kept in the browser (localStorage), one entry per question of a page, so a reload shows
 * what the learner answered and the progress page can count the quizzes solved.
 */
export const QUIZ_PREFIX = "policy-lab:quiz:";

export type QuizAnswer = { readonly chosen: readonly number[]; readonly correct: boolean };

/** The storage key of one question on one page (the question text identifies it; pages rarely repeat one). */
export function quizKey(page: string, question: string): string {
  return `${QUIZ_PREFIX}${page}:${question}`;
}

export function loadAnswer(key: string): QuizAnswer | null {
  try {
    const raw = window.localStorage.getItem(key);
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    if (!parsed || typeof parsed !== "object") return null;
    const { chosen, correct } = parsed as { chosen?: unknown; correct?: unknown };
    if (!Array.isArray(chosen) || !chosen.every((n) => Number.isInteger(n)) || typeof correct !== "boolean")
      return null;
    return { chosen: chosen as number[], correct };
  } catch {
    return null;
  }
}

export function saveAnswer(key: string, answer: QuizAnswer): void {
  try {
    window.localStorage.setItem(key, JSON.stringify(answer));
  } catch {
    // storage full or disabled: the answer lives until the page goes away
  }
}

/** Quizzes answered correctly on a page (`/lessons/<slug>`), from what this browser kept. */
export function correctOnPage(page: string): number {
  let n = 0;
  try {
    const prefix = `${QUIZ_PREFIX}${page}:`;
    for (let i = 0; i < window.localStorage.length; i++) {
      const key = window.localStorage.key(i);
      if (key?.startsWith(prefix) && loadAnswer(key)?.correct) n++;
    }
  } catch {
    // storage unavailable: nothing counted
  }
  return n;
}

/** Forgets every quiz answer (the progress page's "Start over"). */
export function clearQuizAnswers(): void {
  try {
    const keys: string[] = [];
    for (let i = 0; i < window.localStorage.length; i++) {
      const key = window.localStorage.key(i);
      if (key?.startsWith(QUIZ_PREFIX)) keys.push(key);
    }
    for (const key of keys) window.localStorage.removeItem(key);
  } catch {
    // storage unavailable: nothing kept to forget
  }
}
