import "server-only";
/**
 * One learner of a workshop, read-only, for its hosts: the latest attempt per challenge with per-check
 * results, and per item the lab as last saved — its current policies (the journal replayed on the item's
 * scenario, as the lab and the grader do) and its command history.
 */
import { stringify } from "yaml";
import { listObjects, parseJournal, replay } from "@/lib/cluster";
import { catalog } from "@/lib/content/catalog";
import { scenarioNamed } from "@/lib/content/scenarios";
import type { Db } from "@/lib/db";
import type { PublicGradeResult } from "@/lib/grading";
import { labSnapshotSchema } from "@/lib/progress/lab-snapshot";
import { itemTitle, type WorkshopItem } from "./items";
import type { WorkshopDto } from "./workshops";

const POLICY_TYPES = ["ciliumnetworkpolicies", "ciliumclusterwidenetworkpolicies", "networkpolicies"] as const;
const HISTORY_SHOWN = 300;

export interface LabView {
  readonly savedAt: string;
  /** `kind namespace/name` and the object as YAML. */
  readonly policies: readonly { readonly name: string; readonly yaml: string }[];
  /** The latest commands, oldest first. */
  readonly history: readonly string[];
  readonly historyTotal: number;
  /** Set when the saved lab cannot be replayed (content changed since). */
  readonly problem?: string;
}

export interface ItemDetail extends WorkshopItem {
  readonly title: string;
  readonly lab: LabView | null;
  readonly attempts: number;
  readonly latestAttempt: {
    readonly id: string;
    readonly createdAt: string;
    readonly score: number;
    readonly passed: boolean;
    readonly result: PublicGradeResult;
  } | null;
}

export interface LearnerDetail {
  readonly learnerId: string;
  readonly displayName: string;
  readonly joinedAt: string;
  readonly items: readonly ItemDetail[];
}

function scenarioOf(item: WorkshopItem): string | null {
  const c = catalog();
  const found =
    item.kind === "lesson"
      ? c.lessons.find((l) => l.slug === item.slug)
      : c.challenges.find((ch) => ch.slug === item.slug);
  return found?.scenario ?? null;
}

export function labView(item: WorkshopItem, labState: unknown, savedAt: Date): LabView {
  const snapshot = labSnapshotSchema.safeParse(labState);
  if (!snapshot.success)
    return {
      savedAt: savedAt.toISOString(),
      policies: [],
      history: [],
      historyTotal: 0,
      problem: "the saved lab is not readable",
    };
  const { history } = snapshot.data;
  const base = { savedAt: savedAt.toISOString(), history: history.slice(-HISTORY_SHOWN), historyTotal: history.length };
  const scenario = scenarioOf(item);
  const journal = parseJournal(snapshot.data.journal);
  if (!scenario || !journal.ok)
    return {
      ...base,
      policies: [],
      problem: journal.ok ? "the item's scenario is gone" : `the saved journal is invalid: ${journal.error}`,
    };
  const { state } = replay(scenarioNamed(scenario), journal.journal, {
    clock: () => savedAt.getTime(),
    random: () => 0.5,
  });
  const policies = POLICY_TYPES.flatMap((type) => {
    const listed = listObjects(state, type, { allNamespaces: true });
    return listed.ok ? listed.value : [];
  }).map((o) => {
    // The manifest as applied; the status block is the engine's bookkeeping.
    const shown: Record<string, unknown> = { ...o };
    delete shown.status;
    return {
      name: `${o.kind} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ""}${o.metadata.name}`,
      yaml: stringify(shown),
    };
  });
  return { ...base, policies };
}

/** The learner's detail, or null when they are not in this workshop. */
export async function learnerDetail(db: Db, workshop: WorkshopDto, learnerId: string): Promise<LearnerDetail | null> {
  const member = await db.workshopParticipant.findUnique({
    where: { workshopId_learnerId: { workshopId: workshop.id, learnerId } },
  });
  if (!member) return null;
  const lessonSlugs = workshop.items.filter((i) => i.kind === "lesson").map((i) => i.slug);
  const challengeSlugs = workshop.items.filter((i) => i.kind === "challenge").map((i) => i.slug);
  const [lessons, labs, counts] = await Promise.all([
    db.lessonProgress.findMany({
      where: { learnerId, lessonSlug: { in: lessonSlugs } },
      select: { lessonSlug: true, labState: true, updatedAt: true },
    }),
    db.challengeLab.findMany({
      where: { learnerId, challengeSlug: { in: challengeSlugs } },
      select: { challengeSlug: true, labState: true, updatedAt: true },
    }),
    db.challengeAttempt.groupBy({
      by: ["challengeSlug"],
      where: { learnerId, challengeSlug: { in: challengeSlugs } },
      _count: { _all: true },
    }),
  ]);
  const latest = await Promise.all(
    challengeSlugs.map((slug) =>
      db.challengeAttempt.findFirst({
        where: { learnerId, challengeSlug: slug },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        select: { id: true, createdAt: true, score: true, passed: true, result: true },
      }),
    ),
  );
  const items = workshop.items.map((item): ItemDetail => {
    if (item.kind === "lesson") {
      const l = lessons.find((r) => r.lessonSlug === item.slug);
      return {
        ...item,
        title: itemTitle(item),
        lab: l?.labState ? labView(item, l.labState, l.updatedAt) : null,
        attempts: 0,
        latestAttempt: null,
      };
    }
    const lab = labs.find((r) => r.challengeSlug === item.slug);
    const a = latest[challengeSlugs.indexOf(item.slug)];
    return {
      ...item,
      title: itemTitle(item),
      lab: lab ? labView(item, lab.labState, lab.updatedAt) : null,
      attempts: counts.find((c) => c.challengeSlug === item.slug)?._count._all ?? 0,
      latestAttempt: a
        ? {
            id: a.id,
            createdAt: a.createdAt.toISOString(),
            score: a.score,
            passed: a.passed,
            result: a.result as unknown as PublicGradeResult,
          }
        : null,
    };
  });
  return { learnerId, displayName: member.displayName, joinedAt: member.joinedAt.toISOString(), items };
}
