import "server-only";
/**
 * Authorization for instructor routes: a signed-in instructor (401 otherwise), who hosts the workshop
 * (404 otherwise: a workshop someone else runs does not exist for you), and for changes the cross-site check.
 */
import { db } from "@/lib/db";
import { currentInstructor } from "./current";
import { crossSiteProblem, jsonError } from "./http";
import type { InstructorDto } from "./instructors";
import { workshopForHost, type WorkshopDto } from "./workshops";

export type Guarded<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly response: Response };

export async function requireInstructor(
  request: Request,
  opts: { change?: boolean } = {},
): Promise<Guarded<InstructorDto>> {
  if (opts.change) {
    const refused = crossSiteProblem(request);
    if (refused) return { ok: false, response: refused };
  }
  const instructor = await currentInstructor();
  if (!instructor)
    return {
      ok: false,
      response: jsonError(401, "not signed in as an instructor: POST /api/instructor/session first"),
    };
  return { ok: true, value: instructor };
}

export async function requireWorkshop(
  request: Request,
  workshopId: string,
  opts: { change?: boolean; ownerOnly?: boolean } = {},
): Promise<Guarded<{ instructor: InstructorDto; workshop: WorkshopDto }>> {
  const who = await requireInstructor(request, opts);
  if (!who.ok) return who;
  const workshop = await workshopForHost(db(), who.value.id, workshopId);
  if (!workshop) return { ok: false, response: jsonError(404, `no workshop ${workshopId} among yours`) };
  if (opts.ownerOnly && workshop.role !== "owner")
    return { ok: false, response: jsonError(403, "only the workshop's owner can do this") };
  return { ok: true, value: { instructor: who.value, workshop } };
}
