/**
 * Instructor sign-in (POST {email, password} → session cookie), sign-out (DELETE) and who is signed in (GET).
 * Failed sign-ins back off per address and per client (lib/workshops/throttle.ts); the answer to a wrong
 * password and to an unknown address is the same.
 */
import { cookies } from "next/headers";
import { NextResponse, type NextRequest } from "next/server";
import * as z from "zod";
import { db } from "@/lib/db";
import { currentInstructor } from "@/lib/workshops/current";
import { clientAddress, crossSiteProblem, jsonError, NO_STORE, readJson } from "@/lib/workshops/http";
import { signIn } from "@/lib/workshops/instructors";
import { clearSessionCookie, setSessionCookie } from "@/lib/workshops/session-cookie";
import { createSession, deleteSession, SESSION_COOKIE } from "@/lib/workshops/sessions";
import { withStorageFaults } from "@/lib/db/faults";

const body = z.object({ email: z.string().max(320), password: z.string().max(1000) }).strict();

async function handlePOST(request: NextRequest) {
  const refused = crossSiteProblem(request);
  if (refused) return refused;
  const parsed = await readJson(request, body);
  if (!parsed.ok) return parsed.response;
  const now = new Date();
  const result = await signIn(db(), parsed.data.email, parsed.data.password, clientAddress(request), now);
  if (!result.ok) {
    if (result.reason === "locked") {
      return jsonError(429, `too many failed sign-ins: try again in ${result.retryAfterSeconds} s`, {
        "retry-after": String(result.retryAfterSeconds),
      });
    }
    return jsonError(401, "wrong e-mail address or password");
  }
  const session = await createSession(db(), result.instructor.id, now);
  const response = NextResponse.json({ instructor: result.instructor }, { status: 201, headers: NO_STORE });
  setSessionCookie(response, request, session.token, session.expiresAt);
  return response;
}

async function handleDELETE(request: NextRequest) {
  const refused = crossSiteProblem(request);
  if (refused) return refused;
  await deleteSession(db(), (await cookies()).get(SESSION_COOKIE)?.value);
  const response = new NextResponse(null, { status: 204, headers: NO_STORE });
  clearSessionCookie(response, request);
  return response;
}

async function handleGET() {
  const instructor = await currentInstructor();
  if (!instructor) return jsonError(401, "not signed in as an instructor");
  return NextResponse.json({ instructor }, { headers: NO_STORE });
}

// A storage fault (database unreachable, stalled, read-only, disk full) is a 503 with its message, never a 500.
export const POST = withStorageFaults(handlePOST);
export const DELETE = withStorageFaults(handleDELETE);
export const GET = withStorageFaults(handleGET);
