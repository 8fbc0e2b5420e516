/**
 * The dashboard, live: a text/event-stream whose events are the dashboard JSON (as GET …/dashboard), sent
 * when it changes. Polled from the database once a second per workshop per app instance (lib/workshops/live.ts).
 */
import type { NextRequest } from "next/server";
import { db } from "@/lib/db";
import type { Dashboard } from "@/lib/workshops/dashboard";
import { loadDashboard } from "@/lib/workshops/dashboard-data";
import { requireWorkshop } from "@/lib/workshops/guard";
import { jsonError } from "@/lib/workshops/http";
import { eventStream, watch } from "@/lib/workshops/live";
import { stuckRulesFrom } from "@/lib/workshops/rules";
import { withStorageFaults } from "@/lib/db/faults";

type Context = { params: Promise<{ id: string }> };

export const dynamic = "force-dynamic";

/** How often a watched dashboard is recomputed from the database. */
const INTERVAL_MS = Number(process.env.POLICY_LAB_DASHBOARD_INTERVAL_MS) || 1000;

async function handleGET(request: NextRequest, { params }: Context) {
  const guard = await requireWorkshop(request, (await params).id);
  if (!guard.ok) return guard.response;
  const rules = stuckRulesFrom(request.nextUrl.searchParams);
  if (!rules.ok) return jsonError(400, rules.message);
  const { workshop } = guard.value;
  const r = rules.rules;
  const key = `dashboard:${workshop.id}:${r.idleMinutes}:${r.failedAttempts}`;
  return eventStream(request, (send) =>
    watch(
      key,
      async () => {
        // Without generatedAt, so an unchanged class sends nothing (the stream's keep-alive shows it is live).
        const dashboard: { -readonly [K in keyof Dashboard]?: Dashboard[K] } = await loadDashboard(
          db(),
          workshop,
          new Date(),
          r,
        );
        delete dashboard.generatedAt;
        return { workshop: { id: workshop.id, title: workshop.title, state: workshop.state }, ...dashboard };
      },
      INTERVAL_MS,
      send,
    ),
  );
}

// A storage fault (database unreachable, stalled, read-only, disk full) is a 503 with its message, never a 500.
export const GET = withStorageFaults(handleGET);
