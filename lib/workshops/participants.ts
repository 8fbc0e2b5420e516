import "server-only";
/**
 * Learners in workshops: joining by code (throttled: a wrong code and a guessing streak are answered the
 * same way), and the workshop a learner is in, with their own status per item and the announcements.
 */
import type { Db } from "@/lib/db";
import { ensureLearner } from "@/lib/progress/learners";
import { normalizeJoinCode } from "./codes";
import { buildDashboard, type Cell } from "./dashboard";
import { loadDashboardInput } from "./dashboard-data";
import { itemHref, itemTitle, storedItems, type WorkshopItem } from "./items";
import { clearFailures, JOIN_POLICY, recordFailure, throttleState } from "./throttle";
import { recentAnnouncements, type AnnouncementDto, type WorkshopDto } from "./workshops";

export type JoinResult =
  | { readonly ok: true; readonly workshopId: string; readonly title: string; readonly firstHref: string | null }
  /** No such code, or an archived workshop: the same answer, so a guess learns nothing. */
  | { readonly ok: false; readonly reason: "unknown" }
  | { readonly ok: false; readonly reason: "closed" | "ended"; readonly title: string }
  | { readonly ok: false; readonly reason: "locked"; readonly retryAfterSeconds: number };

export async function joinWorkshop(
  db: Db,
  typedCode: string,
  learnerId: string,
  displayName: string,
  clientAddress: string,
  now: Date,
): Promise<JoinResult> {
  const keys = [`join-learner:${learnerId}`, `join-address:${clientAddress}`];
  const state = await throttleState(db, keys, now);
  if (state.locked) return { ok: false, reason: "locked", retryAfterSeconds: state.retryAfterSeconds };
  const code = normalizeJoinCode(typedCode);
  const workshop = code ? await db.workshop.findUnique({ where: { code } }) : null;
  if (!workshop || workshop.state === "archived") {
    await recordFailure(db, keys, JOIN_POLICY, now);
    return { ok: false, reason: "unknown" };
  }
  const existing = await db.workshopParticipant.findUnique({
    where: { workshopId_learnerId: { workshopId: workshop.id, learnerId } },
  });
  if (!existing) {
    if (workshop.state === "closed") return { ok: false, reason: "closed", title: workshop.title };
    if (workshop.endsAt && workshop.endsAt <= now) return { ok: false, reason: "ended", title: workshop.title };
  }
  await ensureLearner(db, learnerId);
  // Re-joining renames: a learner who mistyped their name joins again.
  await db.workshopParticipant.upsert({
    where: { workshopId_learnerId: { workshopId: workshop.id, learnerId } },
    create: { workshopId: workshop.id, learnerId, displayName, joinedAt: now },
    update: { displayName },
  });
  await clearFailures(db, [keys[0] as string]);
  const first = storedItems(workshop.items)[0];
  return { ok: true, workshopId: workshop.id, title: workshop.title, firstHref: first ? itemHref(first) : null };
}

export interface JoinedItem extends WorkshopItem {
  readonly title: string;
  readonly href: string;
  readonly cell: Cell;
}

export interface JoinedWorkshop {
  readonly id: string;
  readonly title: string;
  readonly state: string;
  readonly displayName: string;
  readonly items: readonly JoinedItem[];
  readonly announcements: readonly AnnouncementDto[];
}

/** The workshop the learner joined most recently (archived ones no longer count), with their progress. */
export async function joinedWorkshop(db: Db, learnerId: string, now: Date): Promise<JoinedWorkshop | null> {
  const membership = await db.workshopParticipant.findFirst({
    where: { learnerId, workshop: { state: { not: "archived" } } },
    orderBy: { joinedAt: "desc" },
    include: { workshop: true },
  });
  if (!membership) return null;
  const w = membership.workshop;
  const dto: WorkshopDto = {
    id: w.id,
    code: w.code,
    title: w.title,
    items: storedItems(w.items),
    startsAt: w.startsAt,
    endsAt: w.endsAt,
    state: "open",
    createdAt: w.createdAt,
    role: "cohost",
  };
  // The learner's own row of the grid: the same rules as the instructor's view.
  const row = buildDashboard(await loadDashboardInput(db, dto, learnerId), now).learners[0];
  const announcements = await recentAnnouncements(db, w.id, 5);
  return {
    id: w.id,
    title: w.title,
    state: w.state,
    displayName: membership.displayName,
    items: dto.items.map((item, i) => ({
      ...item,
      title: itemTitle(item),
      href: itemHref(item),
      cell: row?.cells[i] ?? { status: "not-started", attempts: 0, bestScore: null, lastActivity: null },
    })),
    announcements,
  };
}

/** Announcements newer than a given one (the learner's live feed). */
export async function announcementsSince(
  db: Db,
  learnerId: string,
  afterIso: string | null,
): Promise<{ workshopId: string; announcements: AnnouncementDto[] } | null> {
  const membership = await db.workshopParticipant.findFirst({
    where: { learnerId, workshop: { state: { not: "archived" } } },
    orderBy: { joinedAt: "desc" },
    select: { workshopId: true },
  });
  if (!membership) return null;
  const after = afterIso ? new Date(afterIso) : null;
  const announcements = await db.announcement.findMany({
    where: {
      workshopId: membership.workshopId,
      ...(after && !Number.isNaN(after.getTime()) ? { createdAt: { gt: after } } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 5,
    select: { id: true, text: true, createdAt: true },
  });
  return { workshopId: membership.workshopId, announcements };
}
