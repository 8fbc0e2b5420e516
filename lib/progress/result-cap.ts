/**
 * Bounds the grade that is stored with an attempt and sent back. A grade is normally a few KB, but its
 * messages quote the learner's input: a YAML error can echo expanded aliases, and 232 KB of attempt once
 * came back as a 20 MB response and a 20 MB database row (issue 10). Past the cap, messages are cut and
 * long lists shortened, saying so; what the learner is told is exactly what is stored.
 */
import type { PublicGradeResult, SubmissionProblem } from "@/lib/grading";

/** A stored grade's JSON stays under this. */
export const MAX_RESULT_BYTES = 64 * 1024;
const MAX_MESSAGE_CHARS = 2000;
const MAX_PROBLEMS = 50;

const size = (value: unknown) => Buffer.byteLength(JSON.stringify(value), "utf8");

/** The first `max` characters, never ending in half a surrogate pair (PostgreSQL's jsonb refuses one). */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return `${text.slice(0, end)}… (${text.length - end} more characters)`;
}

function capProblems(list: readonly SubmissionProblem[], chars: number, count: number): SubmissionProblem[] {
  const kept = list.slice(0, count).map((p) => ({ ...p, message: cutText(p.message, chars) }));
  const left = list.length - kept.length;
  const last = list[list.length - 1];
  if (left > 0 && last) kept.push({ kind: last.kind, message: `… and ${left} more` });
  return kept;
}

type Level = { readonly chars: number; readonly problems: number; readonly details: number };

/**
 * Messages and lists first: they carry the learner's input. Check details (flows, resources) come from the
 * challenge, but a submission with thousands of objects can make them long too.
 */
const LEVELS: readonly Level[] = [
  { chars: MAX_MESSAGE_CHARS, problems: MAX_PROBLEMS, details: Number.POSITIVE_INFINITY },
  { chars: MAX_MESSAGE_CHARS, problems: MAX_PROBLEMS, details: 20 },
  { chars: 200, problems: 5, details: 20 },
  { chars: 200, problems: 5, details: 0 },
];

function shorten(r: PublicGradeResult, level: Level): PublicGradeResult {
  return {
    ...r,
    errors: capProblems(r.errors, level.chars, level.problems),
    warnings: capProblems(r.warnings, level.chars, level.problems),
    checks: r.checks.map((c) =>
      "details" in c && c.details.length > level.details ? { ...c, details: c.details.slice(0, level.details) } : c,
    ),
  };
}

/**
 * The result unchanged when it fits in `maxBytes` and no message is longer than MAX_MESSAGE_CHARS; else
 * shortened level by level until it does.
 */
export function capResult(result: PublicGradeResult, maxBytes = MAX_RESULT_BYTES): PublicGradeResult {
  const long = (p: SubmissionProblem) => p.message.length > MAX_MESSAGE_CHARS;
  // A message is cut even when the grade fits: one error can echo kilobytes of expanded aliases.
  if (size(result) <= maxBytes && !result.errors.some(long) && !result.warnings.some(long)) return result;
  let capped = result;
  for (const level of LEVELS) {
    capped = shorten(result, level);
    if (size(capped) <= maxBytes) return capped;
  }
  return capped;
}
