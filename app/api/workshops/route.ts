/** The instructor's workshops: POST creates one ({title, items, startsAt?, endsAt?} → {id, code, joinUrl}); GET lists them. */
import { NextResponse, type NextRequest } from "next/server";
import { db } from "@/lib/db";
import { createWorkshopBody, joinUrl, workshopJson } from "@/lib/workshops/api-shapes";
import { requireInstructor } from "@/lib/workshops/guard";
import { jsonError, NO_STORE, readJson } from "@/lib/workshops/http";
import { itemsProblem } from "@/lib/workshops/items";
import { createWorkshop, listWorkshops } from "@/lib/workshops/workshops";
import { withStorageFaults } from "@/lib/db/faults";

async function handlePOST(request: NextRequest) {
  const who = await requireInstructor(request, { change: true });
  if (!who.ok) return who.response;
  const parsed = await readJson(request, createWorkshopBody);
  if (!parsed.ok) return parsed.response;
  const { title, items, startsAt, endsAt } = parsed.data;
  const problem = itemsProblem(items);
  if (problem) return jsonError(400, problem);
  const starts = startsAt ? new Date(startsAt) : null;
  const ends = endsAt ? new Date(endsAt) : null;
  if (starts && ends && ends <= starts) return jsonError(400, "endsAt: the workshop must end after it starts");
  const w = await createWorkshop(db(), who.value.id, { title, items, startsAt: starts, endsAt: ends });
  return NextResponse.json(
    { id: w.id, code: w.code, joinUrl: joinUrl(request, w.code), workshop: workshopJson(w, request) },
    { status: 201, headers: NO_STORE },
  );
}

async function handleGET(request: NextRequest) {
  const who = await requireInstructor(request);
  if (!who.ok) return who.response;
  const archived = request.nextUrl.searchParams.get("archived") === "1";
  const list = await listWorkshops(db(), who.value.id, { archived });
  return NextResponse.json({ workshops: list.map((w) => workshopJson(w, request)) }, { headers: NO_STORE });
}

// A storage fault (database unreachable, stalled, read-only, disk full) is a 503 with its message, never a 500.
export const POST = withStorageFaults(handlePOST);
export const GET = withStorageFaults(handleGET);
