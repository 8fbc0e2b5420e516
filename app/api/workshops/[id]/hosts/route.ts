/** Co-hosts: the owner invites another instructor (POST {email}) to run this one workshop with them. */
import { NextResponse, type NextRequest } from "next/server";
import { db } from "@/lib/db";
import { hostBody } from "@/lib/workshops/api-shapes";
import { requireWorkshop } from "@/lib/workshops/guard";
import { jsonError, NO_STORE, readJson } from "@/lib/workshops/http";
import { inviteCohost, workshopHosts } from "@/lib/workshops/workshops";
import { withStorageFaults } from "@/lib/db/faults";

type Context = { params: Promise<{ id: string }> };

async function handlePOST(request: NextRequest, { params }: Context) {
  const guard = await requireWorkshop(request, (await params).id, { change: true, ownerOnly: true });
  if (!guard.ok) return guard.response;
  const parsed = await readJson(request, hostBody);
  if (!parsed.ok) return parsed.response;
  const invited = await inviteCohost(db(), guard.value.workshop.id, parsed.data.email);
  if (!invited.ok) return jsonError(invited.status, invited.message);
  return NextResponse.json(
    { hosts: await workshopHosts(db(), guard.value.workshop.id) },
    { status: 201, headers: NO_STORE },
  );
}

// A storage fault (database unreachable, stalled, read-only, disk full) is a 503 with its message, never a 500.
export const POST = withStorageFaults(handlePOST);
