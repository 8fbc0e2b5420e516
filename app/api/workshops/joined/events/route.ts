/**
 * The learner's live feed: a text/event-stream of their workshop's latest announcements and state, sent
 * when they change. One database poll per workshop per second per app instance serves all its learners.
 */
import { db } from "@/lib/db";
import { currentLearnerId } from "@/lib/progress/current";
import { jsonError } from "@/lib/workshops/http";
import { eventStream, watch } from "@/lib/workshops/live";
import { withStorageFaults } from "@/lib/db/faults";

export const dynamic = "force-dynamic";

const INTERVAL_MS = Number(process.env.POLICY_LAB_ANNOUNCE_INTERVAL_MS) || 1000;

async function handleGET(request: Request) {
  const learnerId = await currentLearnerId();
  if (!learnerId) return jsonError(401, "no learner cookie: enable cookies for this site");
  const membership = await db().workshopParticipant.findFirst({
    where: { learnerId, workshop: { state: { not: "archived" } } },
    orderBy: { joinedAt: "desc" },
    select: { workshopId: true },
  });
  if (!membership) return jsonError(404, "you have not joined a workshop");
  const { workshopId } = membership;
  return eventStream(request, (send) =>
    watch(
      `announcements:${workshopId}`,
      async () => {
        const w = await db().workshop.findUnique({
          where: { id: workshopId },
          select: {
            state: true,
            announcements: {
              orderBy: [{ createdAt: "desc" }, { id: "desc" }],
              take: 5,
              select: { id: true, text: true, createdAt: true },
            },
          },
        });
        return { workshopId, state: w?.state ?? "archived", announcements: w?.announcements ?? [] };
      },
      INTERVAL_MS,
      send,
    ),
  );
}

// A storage fault (database unreachable, stalled, read-only, disk full) is a 503 with its message, never a 500.
export const GET = withStorageFaults(handleGET);
