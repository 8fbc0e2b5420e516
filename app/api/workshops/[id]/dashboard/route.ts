/**
 * The class dashboard as JSON: the learners × items grid and the class statistics (lib/workshops/dashboard.ts).
 * ?idle=MINUTES&failures=K set the stuck rules (10 and 3 by default). The page watches …/dashboard/events.
 */
import { NextResponse, type NextRequest } from "next/server";
import { db } from "@/lib/db";
import { loadDashboard } from "@/lib/workshops/dashboard-data";
import { requireWorkshop } from "@/lib/workshops/guard";
import { jsonError, NO_STORE } from "@/lib/workshops/http";
import { stuckRulesFrom } from "@/lib/workshops/rules";
import { withStorageFaults } from "@/lib/db/faults";

type Context = { params: Promise<{ id: string }> };

async function handleGET(request: NextRequest, { params }: Context) {
  const guard = await requireWorkshop(request, (await params).id);
  if (!guard.ok) return guard.response;
  const rules = stuckRulesFrom(request.nextUrl.searchParams);
  if (!rules.ok) return jsonError(400, rules.message);
  const { workshop } = guard.value;
  const dashboard = await loadDashboard(db(), workshop, new Date(), rules.rules);
  return NextResponse.json(
    { workshop: { id: workshop.id, title: workshop.title, state: workshop.state }, ...dashboard },
    { headers: NO_STORE },
  );
}

// A storage fault (database unreachable, stalled, read-only, disk full) is a 503 with its message, never a 500.
export const GET = withStorageFaults(handleGET);
