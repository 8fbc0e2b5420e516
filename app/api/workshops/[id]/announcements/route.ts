/** Announcements: POST {text} sends one to everyone in the workshop (their labs show it within seconds); GET lists the latest. */
import { NextResponse, type NextRequest } from "next/server";
import { db } from "@/lib/db";
import { announcementBody } from "@/lib/workshops/api-shapes";
import { requireWorkshop } from "@/lib/workshops/guard";
import { jsonError, NO_STORE, readJson } from "@/lib/workshops/http";
import { addAnnouncement, recentAnnouncements } from "@/lib/workshops/workshops";
import { withStorageFaults } from "@/lib/db/faults";

type Context = { params: Promise<{ id: string }> };

async function handlePOST(request: NextRequest, { params }: Context) {
  const guard = await requireWorkshop(request, (await params).id, { change: true });
  if (!guard.ok) return guard.response;
  if (guard.value.workshop.state === "archived")
    return jsonError(409, "the workshop is archived: reopen it to send announcements");
  const parsed = await readJson(request, announcementBody);
  if (!parsed.ok) return parsed.response;
  const a = await addAnnouncement(db(), guard.value.workshop.id, parsed.data.text, new Date());
  return NextResponse.json(a, { status: 201, headers: NO_STORE });
}

async function handleGET(request: NextRequest, { params }: Context) {
  const guard = await requireWorkshop(request, (await params).id);
  if (!guard.ok) return guard.response;
  return NextResponse.json(
    { announcements: await recentAnnouncements(db(), guard.value.workshop.id) },
    { headers: NO_STORE },
  );
}

// A storage fault (database unreachable, stalled, read-only, disk full) is a 503 with its message, never a 500.
export const POST = withStorageFaults(handlePOST);
export const GET = withStorageFaults(handleGET);
