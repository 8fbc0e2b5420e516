/** Co-hosts: the owner invites another instructor (POST {email}) to run this one workshop with them. */
import { NextResponse, type NextRequest } from "next/server";
import { db } from "@/lib/db";
import { hostBody } from "@/lib/workshops/api-shapes";
import { requireWorkshop } from "@/lib/workshops/guard";
import { jsonError, NO_STORE, readJson } from "@/lib/workshops/http";
import { inviteCohost, workshopHosts } from "@/lib/workshops/workshops";

type Context = { params: Promise<{ id: string }> };

export async function POST(request: NextRequest, { params }: Context) {
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
