/** The JSON bodies of the workshop API (README "Run a workshop"), and how workshops are shown in it. */
import * as z from "zod";
import { formatJoinCode } from "./codes";
import { itemSchema } from "./items";
import type { WorkshopDto } from "./workshops";

const dateTime = z.iso.datetime({
  offset: true,
  message: "must be an ISO 8601 date-time such as 2026-12-02T14:00:00Z",
});

export const createWorkshopBody = z
  .object({
    title: z.string().trim().min(1, "the title is empty").max(120, "the title is limited to 120 characters"),
    items: z.array(itemSchema).min(1, "a workshop needs at least one item").max(50, "at most 50 items"),
    startsAt: dateTime.nullish(),
    endsAt: dateTime.nullish(),
  })
  .strict();

export const patchWorkshopBody = z
  .object({ state: z.enum(["open", "closed", "archived"], "state must be open, closed or archived") })
  .strict();

export const announcementBody = z
  .object({
    text: z
      .string()
      .trim()
      .min(1, "the announcement is empty")
      .max(500, "an announcement is limited to 500 characters"),
  })
  .strict();

export const hostBody = z.object({ email: z.string().max(320) }).strict();

export const joinBody = z
  .object({
    displayName: z
      .string()
      .trim()
      .min(1, "enter a display name")
      .max(40, "a display name is limited to 40 characters")
      .regex(/^[\p{L}\p{N} ._'-]+$/u, "a display name may use letters, digits, spaces and . _ ' - only"),
  })
  .strict();

/** Absolute join link for the request's site. */
export function joinUrl(request: Request, code: string): string {
  const url = new URL(request.url);
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? url.host;
  const proto = request.headers.get("x-forwarded-proto") ?? url.protocol.replace(":", "");
  return `${proto}://${host}/join/${code}`;
}

export function workshopJson(w: WorkshopDto, request: Request) {
  return {
    id: w.id,
    title: w.title,
    code: w.code,
    displayCode: formatJoinCode(w.code),
    joinUrl: joinUrl(request, w.code),
    items: w.items,
    startsAt: w.startsAt?.toISOString() ?? null,
    endsAt: w.endsAt?.toISOString() ?? null,
    state: w.state,
    role: w.role,
    createdAt: w.createdAt.toISOString(),
  };
}
