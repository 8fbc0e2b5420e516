/**
 * Joining a workshop: POST {displayName} with the current learner's cookie. A code that does not exist and
 * an archived workshop's get the same 404; wrong codes are counted per learner and per client address,
 * and after 10 in 10 minutes every join is refused for a while (429), right codes included.
 */
import { NextResponse, type NextRequest } from "next/server";
import { db } from "@/lib/db";
import { currentLearnerId } from "@/lib/progress/current";
import { joinBody } from "@/lib/workshops/api-shapes";
import { clientAddress, crossSiteProblem, jsonError, NO_STORE, readJson } from "@/lib/workshops/http";
import { joinWorkshop } from "@/lib/workshops/participants";
import { withStorageFaults } from "@/lib/db/faults";

type Context = { params: Promise<{ code: string }> };

async function handlePOST(request: NextRequest, { params }: Context) {
  const refused = crossSiteProblem(request);
  if (refused) return refused;
  const learnerId = await currentLearnerId();
  if (!learnerId) return jsonError(401, "no learner cookie: open the join page in a browser that accepts cookies");
  const parsed = await readJson(request, joinBody);
  if (!parsed.ok) return parsed.response;
  const code = (await params).code.slice(0, 32);
  const result = await joinWorkshop(db(), code, learnerId, parsed.data.displayName, clientAddress(request), new Date());
  if (result.ok)
    return NextResponse.json(
      { workshopId: result.workshopId, title: result.title, next: result.firstHref },
      { status: 201, headers: NO_STORE },
    );
  switch (result.reason) {
    case "locked":
      return jsonError(429, `too many wrong join codes: try again in ${result.retryAfterSeconds} s`, {
        "retry-after": String(result.retryAfterSeconds),
      });
    case "unknown":
      return jsonError(404, "no open workshop has this code: check it with your instructor");
    case "closed":
      return jsonError(403, `"${result.title}" is closed to new participants`);
    case "ended":
      return jsonError(403, `"${result.title}" has ended`);
  }
}

// A storage fault (database unreachable, stalled, read-only, disk full) is a 503 with its message, never a 500.
export const POST = withStorageFaults(handlePOST);
