/** One learner of the workshop, read-only, for its hosts: latest attempt per challenge, saved labs' policies and history. */
import { NextResponse, type NextRequest } from "next/server";
import { db } from "@/lib/db";
import { requireWorkshop } from "@/lib/workshops/guard";
import { jsonError, NO_STORE } from "@/lib/workshops/http";
import { learnerDetail } from "@/lib/workshops/learner-detail";
import { withStorageFaults } from "@/lib/db/faults";

type Context = { params: Promise<{ id: string; learnerId: string }> };

async function handleGET(request: NextRequest, { params }: Context) {
  const { id, learnerId } = await params;
  const guard = await requireWorkshop(request, id);
  if (!guard.ok) return guard.response;
  const detail = await learnerDetail(db(), guard.value.workshop, learnerId);
  if (!detail) return jsonError(404, `no learner ${learnerId} in this workshop`);
  return NextResponse.json(detail, { headers: NO_STORE });
}

// A storage fault (database unreachable, stalled, read-only, disk full) is a 503 with its message, never a 500.
export const GET = withStorageFaults(handleGET);
