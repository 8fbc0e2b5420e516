/** CSV exports of the dashboard (RFC 4180: CRLF, quoted where needed; formulas defused for spreadsheets). */
import type { Dashboard } from "./dashboard";
import { itemKey } from "./items";

function field(value: string | number | boolean | null): string {
  if (value === null) return "";
  let s = String(value);
  // A cell starting with = + - @ is run as a formula by spreadsheet programs: display names are learner input.
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvLine = (values: readonly (string | number | boolean | null)[]): string =>
  values.map(field).join(",") + "\r\n";

/** One row per learner: name, totals, stuck, then status/attempts/best score per item. */
export function gridCsv(d: Dashboard): string {
  const header = ["learner_id", "display_name", "joined_at", "last_activity", "done", "stuck"];
  for (const item of d.items) {
    const k = itemKey(item);
    header.push(`${k} status`, `${k} attempts`, `${k} best_score`, `${k} last_activity`);
  }
  let out = csvLine(header);
  for (const l of d.learners) {
    const row: (string | number | null)[] = [l.learnerId, l.displayName, l.joinedAt, l.lastActivity, l.done, l.stuck];
    for (const c of l.cells) row.push(c.status, c.attempts, c.bestScore, c.lastActivity);
    out += csvLine(row);
  }
  return out;
}

export interface AttemptCsvRow {
  readonly id: string;
  readonly learnerId: string;
  readonly displayName: string;
  readonly challengeSlug: string;
  readonly createdAt: Date;
  readonly score: number;
  readonly passed: boolean;
  readonly failedChecks: readonly string[];
}

export const ATTEMPTS_HEADER = [
  "attempt_id",
  "learner_id",
  "display_name",
  "challenge",
  "created_at",
  "score",
  "passed",
  "failed_checks",
];

export function attemptsCsvLine(a: AttemptCsvRow): string {
  return csvLine([
    a.id,
    a.learnerId,
    a.displayName,
    a.challengeSlug,
    a.createdAt.toISOString(),
    a.score,
    a.passed,
    a.failedChecks.join(" "),
  ]);
}
