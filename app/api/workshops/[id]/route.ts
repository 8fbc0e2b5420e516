/** One workshop for its hosts: GET reads it (with its hosts); PATCH {state} closes, reopens or archives it. */
import { NextResponse, type NextRequest } from "next/server";
import { db } from "@/lib/db";
import { patchWorkshopBody, workshopJson } from "@/lib/workshops/api-shapes";
import { requireWorkshop } from "@/lib/workshops/guard";
import { NO_STORE, readJson } from "@/lib/workshops/http";
import { setWorkshopState, workshopHosts } from "@/lib/workshops/workshops";
import { withStorageFaults } from "@/lib/db/faults";

type Context = { params: Promise<{ id: string }> };

async function handleGET(request: NextRequest, { params }: Context) {
  const guard = await requireWorkshop(request, (await params).id);
  if (!guard.ok) return guard.response;
  const { workshop } = guard.value;
  return NextResponse.json(
    { ...workshopJson(workshop, request), hosts: await workshopHosts(db(), workshop.id) },
    { headers: NO_STORE },
  );
}

async function handlePATCH(request: NextRequest, { params }: Context) {
  const guard = await requireWorkshop(request, (await params).id, { change: true });
  if (!guard.ok) return guard.response;
  const parsed = await readJson(request, patchWorkshopBody);
  if (!parsed.ok) return parsed.response;
  await setWorkshopState(db(), guard.value.workshop.id, parsed.data.state);
  return NextResponse.json(workshopJson({ ...guard.value.workshop, state: parsed.data.state }, request), {
    headers: NO_STORE,
  });
}

// A storage fault (database unreachable, stalled, read-only, disk full) is a 503 with its message, never a 500.
export const GET = withStorageFaults(handleGET);
export const PATCH = withStorageFaults(handlePATCH);
