/**
 * CSV exports for the workshop's hosts: the grid (default), or every attempt of its learners at its
 * challenges with ?table=attempts (streamed in pages, so a large class never sits in memory at once).
 */
import type { NextRequest } from "next/server";
import { db } from "@/lib/db";
import type { PublicGradeResult } from "@/lib/grading";
import { ATTEMPTS_HEADER, attemptsCsvLine, csvLine, gridCsv } from "@/lib/workshops/csv";
import { loadDashboard } from "@/lib/workshops/dashboard-data";
import { requireWorkshop } from "@/lib/workshops/guard";
import { jsonError } from "@/lib/workshops/http";
import { stuckRulesFrom } from "@/lib/workshops/rules";
import { withStorageFaults } from "@/lib/db/faults";

type Context = { params: Promise<{ id: string }> };

const PAGE = 500;

const fileName = (title: string, what: string) =>
  `${
    title
      .replace(/[^A-Za-z0-9._-]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || "workshop"
  }-${what}.csv`;

async function handleGET(request: NextRequest, { params }: Context) {
  const guard = await requireWorkshop(request, (await params).id);
  if (!guard.ok) return guard.response;
  const { workshop } = guard.value;
  const table = request.nextUrl.searchParams.get("table") ?? "grid";
  const headers = (what: string) => ({
    "content-type": "text/csv; charset=utf-8",
    "content-disposition": `attachment; filename="${fileName(workshop.title, what)}"`,
    "cache-control": "no-store",
  });
  if (table === "grid") {
    const rules = stuckRulesFrom(request.nextUrl.searchParams);
    if (!rules.ok) return jsonError(400, rules.message);
    return new Response(gridCsv(await loadDashboard(db(), workshop, new Date(), rules.rules)), {
      headers: headers("grid"),
    });
  }
  if (table !== "attempts") return jsonError(400, `table must be grid or attempts, not "${table}"`);

  const participants = await db().workshopParticipant.findMany({
    where: { workshopId: workshop.id },
    select: { learnerId: true, displayName: true },
  });
  const names = new Map(participants.map((p) => [p.learnerId, p.displayName]));
  const slugs = workshop.items.filter((i) => i.kind === "challenge").map((i) => i.slug);
  const encoder = new TextEncoder();
  let cursor: string | undefined;
  let started = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(csvLine(ATTEMPTS_HEADER)));
      }
      const rows =
        names.size === 0 || slugs.length === 0
          ? []
          : await db().challengeAttempt.findMany({
              where: { learnerId: { in: [...names.keys()] }, challengeSlug: { in: slugs } },
              orderBy: { id: "asc" },
              take: PAGE,
              ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
              select: {
                id: true,
                learnerId: true,
                challengeSlug: true,
                createdAt: true,
                score: true,
                passed: true,
                result: true,
              },
            });
      let text = "";
      for (const r of rows) {
        const result = r.result as unknown as PublicGradeResult;
        const failedChecks = (result.checks ?? []).filter((c) => !c.passed).map((c) => c.name);
        text += attemptsCsvLine({ ...r, displayName: names.get(r.learnerId) ?? "", failedChecks });
      }
      if (text) controller.enqueue(encoder.encode(text));
      if (rows.length < PAGE) controller.close();
      else cursor = rows[rows.length - 1]?.id;
    },
  });
  return new Response(stream, { headers: headers("attempts") });
}

// A storage fault (database unreachable, stalled, read-only, disk full) is a 503 with its message, never a 500.
export const GET = withStorageFaults(handleGET);
