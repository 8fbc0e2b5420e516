import "server-only";
/**
 * Workshops and who runs them. Every read or change takes the instructor's id and answers only for
 * workshops they host (owner or co-host); for anyone else a workshop does not exist.
 */
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db";
import { newJoinCode } from "./codes";
import { normalizeEmail } from "./instructors";
import { storedItems, type WorkshopItem } from "./items";

export type WorkshopState = "open" | "closed" | "archived";
export type HostRole = "owner" | "cohost";

export interface WorkshopDto {
  readonly id: string;
  readonly code: string;
  readonly title: string;
  readonly items: readonly WorkshopItem[];
  readonly startsAt: Date | null;
  readonly endsAt: Date | null;
  readonly state: WorkshopState;
  readonly createdAt: Date;
  /** The asking instructor's role. */
  readonly role: HostRole;
}

type Row = {
  id: string;
  code: string;
  title: string;
  items: unknown;
  startsAt: Date | null;
  endsAt: Date | null;
  state: string;
  createdAt: Date;
};

const asState = (s: string): WorkshopState => (s === "closed" || s === "archived" ? s : "open");

const toDto = (w: Row, role: HostRole): WorkshopDto => ({
  id: w.id,
  code: w.code,
  title: w.title,
  items: storedItems(w.items),
  startsAt: w.startsAt,
  endsAt: w.endsAt,
  state: asState(w.state),
  createdAt: w.createdAt,
  role,
});

export interface NewWorkshop {
  readonly title: string;
  readonly items: readonly WorkshopItem[];
  readonly startsAt: Date | null;
  readonly endsAt: Date | null;
}

const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === "P2002";

/** Creates a workshop owned by the instructor, with a fresh join code (drawn again on the rare collision). */
export async function createWorkshop(db: Db, instructorId: string, w: NewWorkshop): Promise<WorkshopDto> {
  for (let tries = 0; ; tries++) {
    const id = randomUUID();
    try {
      const row = await db.workshop.create({
        data: {
          id,
          code: newJoinCode(),
          title: w.title,
          items: w.items as unknown as object,
          startsAt: w.startsAt,
          endsAt: w.endsAt,
          hosts: { create: { instructorId, role: "owner" } },
        },
      });
      return toDto(row, "owner");
    } catch (error) {
      if (!isUniqueViolation(error) || tries >= 5) throw error;
    }
  }
}

/** The instructor's workshops (owned and co-hosted), newest first; archived ones only when asked. */
export async function listWorkshops(
  db: Db,
  instructorId: string,
  opts: { archived?: boolean } = {},
): Promise<WorkshopDto[]> {
  const hosts = await db.workshopHost.findMany({
    where: { instructorId, ...(opts.archived ? {} : { workshop: { state: { not: "archived" } } }) },
    include: { workshop: true },
    orderBy: { workshop: { createdAt: "desc" } },
  });
  return hosts.map((h) => toDto(h.workshop, h.role === "owner" ? "owner" : "cohost"));
}

/** The workshop if the instructor hosts it, else null (whether or not it exists). */
export async function workshopForHost(db: Db, instructorId: string, workshopId: string): Promise<WorkshopDto | null> {
  const host = await db.workshopHost.findUnique({
    where: { workshopId_instructorId: { workshopId, instructorId } },
    include: { workshop: true },
  });
  return host ? toDto(host.workshop, host.role === "owner" ? "owner" : "cohost") : null;
}

export async function setWorkshopState(db: Db, workshopId: string, state: WorkshopState): Promise<void> {
  await db.workshop.update({ where: { id: workshopId }, data: { state } });
}

export type InviteResult =
  | { readonly ok: true; readonly email: string }
  | { readonly ok: false; readonly status: 404 | 409; readonly message: string };

/** Adds another instructor (by e-mail) as co-host of one workshop. */
export async function inviteCohost(db: Db, workshopId: string, email: string): Promise<InviteResult> {
  const normalized = normalizeEmail(email);
  const other = await db.instructor.findUnique({ where: { email: normalized }, select: { id: true } });
  if (!other)
    return {
      ok: false,
      status: 404,
      message: `no instructor account for ${normalized}: create it first (npm run -s instructor:create)`,
    };
  const existing = await db.workshopHost.findUnique({
    where: { workshopId_instructorId: { workshopId, instructorId: other.id } },
  });
  if (existing) return { ok: false, status: 409, message: `${normalized} already hosts this workshop` };
  await db.workshopHost.create({ data: { workshopId, instructorId: other.id, role: "cohost" } });
  return { ok: true, email: normalized };
}

export async function workshopHosts(db: Db, workshopId: string): Promise<{ email: string; role: HostRole }[]> {
  const rows = await db.workshopHost.findMany({
    where: { workshopId },
    include: { instructor: { select: { email: true } } },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((r) => ({ email: r.instructor.email, role: r.role === "owner" ? "owner" : "cohost" }));
}

// ---- announcements ----

export const MAX_ANNOUNCEMENT = 500;

export interface AnnouncementDto {
  readonly id: string;
  readonly text: string;
  readonly createdAt: Date;
}

export async function addAnnouncement(db: Db, workshopId: string, text: string, now: Date): Promise<AnnouncementDto> {
  const row = await db.announcement.create({ data: { id: randomUUID(), workshopId, text, createdAt: now } });
  return { id: row.id, text: row.text, createdAt: row.createdAt };
}

/** The latest announcements, newest first. */
export async function recentAnnouncements(db: Db, workshopId: string, take = 20): Promise<AnnouncementDto[]> {
  return db.announcement.findMany({
    where: { workshopId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: { id: true, text: true, createdAt: true },
  });
}
