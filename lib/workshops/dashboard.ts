/**
 * The class dashboard, computed from database rows (dashboard-data.ts loads them): the learners × items
 * grid, who looks stuck, and the class statistics per item and per check — which checks fail most, the
 * wrong verdicts by flow, the hints (the grader's reading of a wrong rule shape) the class is shown, and
 * the median time per item. Rows and the clock in, plain JSON out, so every instance computes the same
 * dashboard from the same database; each learner's per-challenge history is kept between calls while their
 * attempts are unchanged (historyOf), which changes how fast, never what.
 */
import type { Detail, FlowSpecView, HiddenWrongFlow, PublicGradeResult } from "@/lib/grading";
import { itemKey, type WorkshopItem } from "./items";

export interface ParticipantRow {
  readonly learnerId: string;
  readonly displayName: string;
  readonly joinedAt: Date;
}
export interface LessonRow {
  readonly learnerId: string;
  readonly lessonSlug: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly completedAt: Date | null;
}
export interface LabRow {
  readonly learnerId: string;
  readonly challengeSlug: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}
/** What the dashboard needs of one check of a stored grade (a few hundred bytes, not the whole grade). */
export interface CheckSummary {
  readonly name: string;
  readonly title: string;
  readonly hidden: boolean;
  readonly passed: boolean;
  readonly hint?: string;
  /** The flows the check got wrong (a hidden check's from the hosts-only hiddenFlows): flowLabel, expected and actual verdict. */
  readonly wrongFlows: readonly { readonly flow: string; readonly expected: string; readonly actual: string }[];
}
export interface AttemptSummary {
  readonly checks: readonly CheckSummary[];
}

/**
 * The dashboard's view of a stored grade: the learner's result, whose hidden checks carry no flows, and the
 * hidden checks' wrong flows stored beside it for the hosts (null for attempts graded before they were kept).
 */
export function summarizeResult(
  result: PublicGradeResult,
  hiddenFlows: readonly HiddenWrongFlow[] | null = null,
): AttemptSummary {
  return {
    checks: (result.checks ?? []).map((c) => ({
      name: c.name,
      title: c.title,
      hidden: c.hidden,
      passed: c.passed,
      ...(c.hint ? { hint: c.hint } : {}),
      wrongFlows: c.hidden
        ? (hiddenFlows ?? [])
            .filter((h) => h.check === c.name)
            .map((h) => ({ flow: flowLabel(h.flow), expected: h.expected, actual: h.actual }))
        : failingFlows(c.details).map((d) => ({ flow: flowLabel(d.flow), expected: d.expected, actual: d.actual })),
    })),
  };
}

export interface AttemptRow {
  readonly id: string;
  readonly learnerId: string;
  readonly challengeSlug: string;
  readonly score: number;
  readonly passed: boolean;
  readonly createdAt: Date;
  readonly result: AttemptSummary;
}

export interface DashboardInput {
  readonly items: readonly (WorkshopItem & { readonly title: string })[];
  readonly participants: readonly ParticipantRow[];
  readonly lessons: readonly LessonRow[];
  readonly labs: readonly LabRow[];
  /** Oldest first. */
  readonly attempts: readonly AttemptRow[];
}

export interface StuckRules {
  /** Stuck after this long without progress (an item started or finished, a better score). */
  readonly idleMinutes: number;
  /** Stuck after this many failed attempts in a row on one check. */
  readonly failedAttempts: number;
}
export const DEFAULT_STUCK: StuckRules = { idleMinutes: 10, failedAttempts: 3 };

export type CellStatus = "not-started" | "in-progress" | "done";

export interface Cell {
  readonly status: CellStatus;
  readonly attempts: number;
  /** Challenges: the best score so far (null before any attempt); lessons: null. */
  readonly bestScore: number | null;
  readonly lastActivity: string | null;
}

export interface LearnerRow {
  readonly learnerId: string;
  readonly displayName: string;
  readonly joinedAt: string;
  readonly lastActivity: string;
  readonly done: number;
  /** Why the learner looks stuck, or null. */
  readonly stuck: string | null;
  /** One per workshop item, in order. */
  readonly cells: readonly Cell[];
}

export interface CheckStat {
  readonly name: string;
  readonly title: string;
  readonly hidden: boolean;
  /** Learners whose latest attempt fails (or is blocked on) this check. */
  readonly learnersFailing: number;
  /** Failed attempts on this check across all attempts. */
  readonly failedAttempts: number;
}

export interface WrongVerdict {
  readonly check: string;
  /** A hidden check's flow: the hosts see it, the learners are never shown it. */
  readonly hidden: boolean;
  readonly flow: string;
  readonly expected: string;
  readonly actual: string;
  /** Learners whose latest attempt has this wrong verdict. */
  readonly learners: number;
  /** Of the learners who attempted the challenge, in percent (rounded). */
  readonly percent: number;
  /** Learners who had this wrong verdict in any attempt (fixed since or not), and their share. */
  readonly learnersEver: number;
  readonly percentEver: number;
  /** "62% still allow default/xwing → svc:default/deathstar:80". */
  readonly summary: string;
}

export interface HintStat {
  readonly check: string;
  readonly hint: string;
  readonly learners: number;
}

export interface ItemStat {
  readonly kind: WorkshopItem["kind"];
  readonly slug: string;
  readonly title: string;
  readonly started: number;
  readonly done: number;
  /** Median minutes from starting to finishing, over those who finished (null if nobody has). */
  readonly medianMinutes: number | null;
  /** Challenges only: learners with at least one attempt. */
  readonly attempted: number;
  readonly checks: readonly CheckStat[];
  readonly wrongVerdicts: readonly WrongVerdict[];
  readonly hints: readonly HintStat[];
}

export interface Dashboard {
  readonly generatedAt: string;
  readonly stuckRules: StuckRules;
  readonly items: readonly (WorkshopItem & { readonly title: string })[];
  readonly learners: readonly LearnerRow[];
  readonly stats: readonly ItemStat[];
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const later = (a: Date | null, b: Date | null) => (!a ? b : !b ? a : a > b ? a : b);

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** `default/xwing → svc:default/deathstar:80` (protocol when not TCP, the HTTP request when there is one). */
export function flowLabel(flow: FlowSpecView): string {
  const proto = flow.protocol === "TCP" ? "" : `/${flow.protocol}`;
  const http = flow.http ? ` ${flow.http.method} ${flow.http.path}` : "";
  const dns = flow.dns ? ` (DNS ${flow.dns})` : "";
  return `${flow.from} → ${flow.to}:${flow.port}${proto}${http}${dns}`;
}

const verb = (actual: string) =>
  actual === "allowed"
    ? "allow"
    : actual === "denied-l7"
      ? "deny at L7"
      : actual === "error"
        ? "cannot evaluate"
        : "drop";

type Group<T> = Map<string, T[]>;
function groupBy<T>(rows: readonly T[], key: (r: T) => string): Group<T> {
  const m: Group<T> = new Map();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

const pair = (learnerId: string, slug: string) => `${learnerId}\u0000${slug}`;

function failingFlows(details: readonly Detail[]) {
  return details.filter((d): d is Extract<Detail, { kind: "flow" }> => d.kind === "flow" && !d.passed);
}

/** Consecutive failures of each check, counting back from the newest attempt. */
function longestFailStreak(attempts: readonly AttemptRow[]): { check: string; count: number } | null {
  const streak = new Map<string, number>();
  const broken = new Set<string>();
  for (let i = attempts.length - 1; i >= 0; i--) {
    for (const c of (attempts[i] as AttemptRow).result.checks ?? []) {
      if (broken.has(c.name)) continue;
      if (c.passed) broken.add(c.name);
      else streak.set(c.name, (streak.get(c.name) ?? 0) + 1);
    }
  }
  let best: { check: string; count: number } | null = null;
  for (const [check, count] of streak) if (!best || count > best.count) best = { check, count };
  return best;
}

/**
 * What one learner's attempts at one challenge add up to, over all of them: per check (in first-seen order)
 * its title and failed attempts, the wrong verdicts they ever had (first-seen order), and the current
 * failure streak. Attempts never change once stored and arrive oldest first, so this is kept per learner and
 * challenge while their count and first and last ids stay the same: a poll recomputes only the learners who
 * submitted since, instead of every attempt of the class (the result equals the computation without it).
 */
interface PairHistory {
  readonly checks: ReadonlyMap<
    string,
    { readonly title: string; readonly hidden: boolean; readonly failedAttempts: number }
  >;
  readonly ever: ReadonlyMap<
    string,
    {
      readonly check: string;
      readonly hidden: boolean;
      readonly flow: string;
      readonly expected: string;
      readonly actual: string;
    }
  >;
  readonly streak: { check: string; count: number } | null;
  /** The best score, when it was first reached (the last progress), the newest and oldest attempt, the first pass. */
  readonly best: number;
  readonly improvedAt: Date;
  readonly lastAt: Date;
  readonly firstAt: Date;
  readonly firstPassAt: Date | null;
}
const HISTORIES_MAX = 100_000;
const histories = new Map<string, { readonly sig: string; readonly h: PairHistory }>();

/** Forgets every learner's kept history (the dashboard bench's baseline: the computation from scratch). */
export function forgetHistories(): void {
  histories.clear();
}

function historyOf(key: string, tries: readonly AttemptRow[]): PairHistory {
  const sig = `${tries.length}\u0000${tries[0]?.id}\u0000${tries[tries.length - 1]?.id}`;
  const held = histories.get(key);
  if (held?.sig === sig) return held.h;
  const checks = new Map<string, { title: string; hidden: boolean; failedAttempts: number }>();
  const ever = new Map<string, { check: string; hidden: boolean; flow: string; expected: string; actual: string }>();
  for (const a of tries) {
    for (const c of a.result.checks ?? []) {
      let stat = checks.get(c.name);
      if (!stat) checks.set(c.name, (stat = { title: c.title, hidden: c.hidden, failedAttempts: 0 }));
      if (c.passed) continue;
      stat.failedAttempts++;
      for (const d of c.wrongFlows) {
        const vk = `${c.name}\u0000${d.flow}\u0000${d.actual}`;
        if (!ever.has(vk))
          ever.set(vk, { check: c.name, hidden: c.hidden, flow: d.flow, expected: d.expected, actual: d.actual });
      }
    }
  }
  let best = -1;
  let improvedAt = (tries[0] as AttemptRow).createdAt;
  let lastAt = improvedAt;
  let firstAt = improvedAt;
  let firstPassAt: Date | null = null;
  for (const a of tries) {
    if (a.score > best) {
      best = a.score;
      if (a.createdAt > improvedAt) improvedAt = a.createdAt;
    }
    if (a.createdAt > lastAt) lastAt = a.createdAt;
    if (a.createdAt < firstAt) firstAt = a.createdAt;
    if (a.passed && !firstPassAt) firstPassAt = a.createdAt;
  }
  const h: PairHistory = {
    checks,
    ever,
    streak: longestFailStreak(tries),
    best,
    improvedAt,
    lastAt,
    firstAt,
    firstPassAt,
  };
  if (histories.size >= HISTORIES_MAX) histories.clear();
  histories.set(key, { sig, h });
  return h;
}

export function buildDashboard(input: DashboardInput, now: Date, rules: StuckRules = DEFAULT_STUCK): Dashboard {
  const lessons = new Map(input.lessons.map((l) => [pair(l.learnerId, l.lessonSlug), l]));
  const labs = new Map(input.labs.map((l) => [pair(l.learnerId, l.challengeSlug), l]));
  const attempts = groupBy(input.attempts, (a) => pair(a.learnerId, a.challengeSlug));

  const learners: LearnerRow[] = input.participants.map((p) => {
    let lastActivity: Date = p.joinedAt;
    let lastProgress: Date = p.joinedAt;
    let stuck: string | null = null;
    let done = 0;
    const cells = input.items.map((item): Cell => {
      const key = pair(p.learnerId, item.slug);
      if (item.kind === "lesson") {
        const l = lessons.get(key);
        if (!l) return { status: "not-started", attempts: 0, bestScore: null, lastActivity: null };
        lastActivity = later(lastActivity, l.updatedAt) as Date;
        lastProgress = later(lastProgress, later(l.createdAt, l.completedAt)) as Date;
        if (l.completedAt) done++;
        return {
          status: l.completedAt ? "done" : "in-progress",
          attempts: 0,
          bestScore: null,
          lastActivity: iso(l.updatedAt),
        };
      }
      const lab = labs.get(key);
      const tries = attempts.get(key) ?? [];
      if (!lab && tries.length === 0)
        return { status: "not-started", attempts: 0, bestScore: null, lastActivity: null };
      const h = tries.length > 0 ? historyOf(key, tries) : null;
      const best = h ? h.best : -1;
      if (h) lastProgress = later(lastProgress, h.improvedAt) as Date;
      const last = later(lab?.updatedAt ?? null, h?.lastAt ?? null);
      const firstSeen = !h ? (lab?.createdAt ?? null) : !lab || h.firstAt < lab.createdAt ? h.firstAt : lab.createdAt;
      lastProgress = later(lastProgress, firstSeen) as Date;
      lastActivity = later(lastActivity, last) as Date;
      const passed = h?.firstPassAt != null;
      if (passed) done++;
      else if (!stuck) {
        const streak = (h as PairHistory).streak;
        if (streak && streak.count >= rules.failedAttempts) {
          const title =
            tries[tries.length - 1]?.result.checks.find((c) => c.name === streak.check)?.title ?? streak.check;
          stuck = `${streak.count} failed attempts in a row on "${title}" (${item.title})`;
        }
      }
      return {
        status: passed ? "done" : "in-progress",
        attempts: tries.length,
        bestScore: best < 0 ? null : best,
        lastActivity: iso(last),
      };
    });
    const idleMs = now.getTime() - lastProgress.getTime();
    if (!stuck && done < input.items.length && idleMs >= rules.idleMinutes * 60_000) {
      stuck = `no progress for ${Math.floor(idleMs / 60_000)} min`;
    }
    return {
      learnerId: p.learnerId,
      displayName: p.displayName,
      joinedAt: p.joinedAt.toISOString(),
      lastActivity: lastActivity.toISOString(),
      done,
      stuck,
      cells,
    };
  });

  const members = new Set(input.participants.map((p) => p.learnerId));
  const stats = input.items.map((item): ItemStat =>
    item.kind === "lesson" ? lessonStat(item, input, members) : challengeStat(item, input, members, attempts, labs),
  );

  return { generatedAt: now.toISOString(), stuckRules: rules, items: input.items, learners, stats };
}

function lessonStat(
  item: DashboardInput["items"][number],
  input: DashboardInput,
  members: ReadonlySet<string>,
): ItemStat {
  const rows = input.lessons.filter((l) => l.lessonSlug === item.slug && members.has(l.learnerId));
  const finished = rows.filter((l) => l.completedAt);
  return {
    ...item,
    started: rows.length,
    done: finished.length,
    medianMinutes: roundMinutes(median(finished.map((l) => (l.completedAt as Date).getTime() - l.createdAt.getTime()))),
    attempted: 0,
    checks: [],
    wrongVerdicts: [],
    hints: [],
  };
}

const roundMinutes = (ms: number | null) => (ms === null ? null : Math.round(ms / 6000) / 10);

function challengeStat(
  item: DashboardInput["items"][number],
  input: DashboardInput,
  members: ReadonlySet<string>,
  attempts: Group<AttemptRow>,
  labs: ReadonlyMap<string, LabRow>,
): ItemStat {
  let started = 0;
  let attempted = 0;
  let done = 0;
  const durations: number[] = [];
  const checks = new Map<
    string,
    { name: string; title: string; hidden: boolean; learnersFailing: number; failedAttempts: number }
  >();
  const verdicts = new Map<
    string,
    {
      check: string;
      hidden: boolean;
      flow: string;
      expected: string;
      actual: string;
      learners: number;
      learnersEver: number;
    }
  >();
  const verdict = (c: CheckSummary, d: CheckSummary["wrongFlows"][number]) => {
    const vk = `${c.name}\u0000${d.flow}\u0000${d.actual}`;
    let v = verdicts.get(vk);
    if (!v)
      verdicts.set(
        vk,
        (v = {
          check: c.name,
          hidden: c.hidden,
          flow: d.flow,
          expected: d.expected,
          actual: d.actual,
          learners: 0,
          learnersEver: 0,
        }),
      );
    return { vk, v };
  };
  const hints = new Map<string, HintStat>();

  for (const learnerId of members) {
    const key = pair(learnerId, item.slug);
    const lab = labs.get(key);
    const tries = attempts.get(key) ?? [];
    if (lab || tries.length) started++;
    if (tries.length === 0) continue;
    attempted++;
    const h = historyOf(key, tries);
    if (h.firstPassAt) {
      done++;
      const start = [lab?.createdAt, tries[0]?.createdAt]
        .filter((d): d is Date => !!d)
        .reduce((a, b) => (a < b ? a : b));
      durations.push(h.firstPassAt.getTime() - start.getTime());
    }
    for (const [name, c] of h.checks) {
      let stat = checks.get(name);
      if (!stat)
        checks.set(name, (stat = { name, title: c.title, hidden: c.hidden, learnersFailing: 0, failedAttempts: 0 }));
      stat.failedAttempts += c.failedAttempts;
    }
    for (const [vk, e] of h.ever) {
      let v = verdicts.get(vk);
      if (!v) verdicts.set(vk, (v = { ...e, learners: 0, learnersEver: 0 }));
      v.learnersEver++;
    }
    // What the class "still" gets wrong: the latest attempt of each learner.
    const latest = tries[tries.length - 1] as AttemptRow;
    const seen = new Set<string>();
    for (const c of latest.result.checks ?? []) {
      if (c.passed) continue;
      (checks.get(c.name) as { learnersFailing: number }).learnersFailing++;
      if (c.hint) {
        const hk = `${c.name}\u0000${c.hint}`;
        const h = hints.get(hk) ?? { check: c.name, hint: c.hint, learners: 0 };
        hints.set(hk, { ...h, learners: h.learners + 1 });
      }
      for (const d of c.wrongFlows) {
        const { vk, v } = verdict(c, d);
        if (seen.has(vk)) continue;
        seen.add(vk);
        v.learners++;
      }
    }
  }

  const percent = (n: number) => (attempted === 0 ? 0 : Math.round((100 * n) / attempted));
  return {
    ...item,
    started,
    done,
    medianMinutes: roundMinutes(median(durations)),
    attempted,
    checks: [...checks.values()].sort(
      (a, b) =>
        b.learnersFailing - a.learnersFailing || b.failedAttempts - a.failedAttempts || a.name.localeCompare(b.name),
    ),
    wrongVerdicts: [...verdicts.values()]
      .map((v) => ({
        ...v,
        percent: percent(v.learners),
        percentEver: percent(v.learnersEver),
        summary: `${percent(v.learners)}% still ${verb(v.actual)} ${v.flow}`,
      }))
      .sort((a, b) => b.learners - a.learners || b.learnersEver - a.learnersEver || a.flow.localeCompare(b.flow)),
    hints: [...hints.values()].sort((a, b) => b.learners - a.learners || a.hint.localeCompare(b.hint)),
  };
}

/** The workshop's items keyed as in the grid (for CSV headers and lookups). */
export const itemKeys = (items: readonly WorkshopItem[]) => items.map(itemKey);
