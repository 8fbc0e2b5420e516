/** The current learner's workshop (the one they joined last): its items in order with their status, and the latest announcements. */
import { NextResponse } from "next/server";
import { db } from "@/lib/db";
import { currentLearnerId } from "@/lib/progress/current";
import { NO_STORE } from "@/lib/workshops/http";
import { joinedWorkshop } from "@/lib/workshops/participants";
import { withStorageFaults } from "@/lib/db/faults";

async function handleGET() {
  const learnerId = await currentLearnerId();
  const workshop = learnerId ? await joinedWorkshop(db(), learnerId, new Date()) : null;
  return NextResponse.json({ workshop }, { headers: NO_STORE });
}

// A storage fault (database unreachable, stalled, read-only, disk full) is a 503 with its message, never a 500.
export const GET = withStorageFaults(handleGET);
