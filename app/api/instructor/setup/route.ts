/**
 * The first-run set-up: while no instructor exists, POST {token, email, password} with the one-time token
 * printed in the server log creates the first instructor and signs them in.
 */
import { NextResponse, type NextRequest } from "next/server";
import * as z from "zod";
import { db } from "@/lib/db";
import { crossSiteProblem, jsonError, NO_STORE, readJson } from "@/lib/workshops/http";
import { setUpFirstInstructor } from "@/lib/workshops/instructors";
import { setSessionCookie } from "@/lib/workshops/session-cookie";
import { createSession } from "@/lib/workshops/sessions";
import { withStorageFaults } from "@/lib/db/faults";

const body = z
  .object({ token: z.string().max(200), email: z.string().max(320), password: z.string().max(1000) })
  .strict();

async function handlePOST(request: NextRequest) {
  const refused = crossSiteProblem(request);
  if (refused) return refused;
  const parsed = await readJson(request, body);
  if (!parsed.ok) return parsed.response;
  const now = new Date();
  const created = await setUpFirstInstructor(db(), parsed.data.token, parsed.data.email, parsed.data.password, now);
  if (!created.ok) return jsonError(created.message.startsWith("set-up is finished") ? 409 : 400, created.message);
  const session = await createSession(db(), created.instructor.id, now);
  const response = NextResponse.json({ instructor: created.instructor }, { status: 201, headers: NO_STORE });
  setSessionCookie(response, request, session.token, session.expiresAt);
  return response;
}

// A storage fault (database unreachable, stalled, read-only, disk full) is a 503 with its message, never a 500.
export const POST = withStorageFaults(handlePOST);
