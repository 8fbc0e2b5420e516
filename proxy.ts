/**
 * Runs before every page, API route and server action (not static files):
 *
 * - refuses what no route handles with a specific status instead of a 500: paths that are not valid
 *   percent-encoded UTF-8 (`/api/lessons/%ff/lab` → 400) and methods we never serve (TRACE, TRACK → 405;
 *   under `npm start` scripts/http-guard.cjs answers those first, as Next.js cannot represent them);
 * - refuses cross-site state changes (403, lib/http/origin.ts), server actions included;
 * - gives every visitor of a page an anonymous learner id on first visit (signed by the server,
 *   lib/learner/cookie.ts; httpOnly, SameSite=Lax), so progress can be saved without a login wall. The id is also placed on the request itself, so the page
 *   rendered for this very first request already sees it. The database row is created on first use. The
 *   answer that sets the cookie is `private, no-store`: a prerendered page is otherwise served with
 *   `s-maxage=31536000`, and a shared cache would hand that one learner id to everyone behind it.
 *
 * An API request without the cookie is refused (401) by the route rather than given a fresh learner, or a
 * client that drops cookies would become a new learner on every request and escape per-learner limits.
 */
import { NextResponse, type NextRequest } from "next/server";
import { checkOrigin } from "@/lib/http/origin";
import { LEARNER_COOKIE, LEARNER_COOKIE_MAX_AGE, signLearnerId, verifyLearnerCookie } from "@/lib/learner/cookie";
import { learnerSecret } from "@/lib/learner/secret";

const REFUSED_METHODS = new Set(["TRACE", "TRACK", "CONNECT"]);

const refuse = (status: number, message: string, headers: Record<string, string> = {}) =>
  NextResponse.json({ error: message }, { status, headers: { "cache-control": "private, no-store", ...headers } });

function validPath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

export async function proxy(request: NextRequest) {
  if (REFUSED_METHODS.has(request.method)) {
    return refuse(405, `method ${request.method} is not allowed`, { allow: "GET, HEAD, POST, PUT" });
  }
  if (!validPath(request.nextUrl.pathname)) return refuse(400, "the path is not valid percent-encoded UTF-8");
  const origin = checkOrigin(request.method, request.headers, request.nextUrl);
  if (!origin.allowed) return refuse(403, origin.reason);

  if (request.nextUrl.pathname.startsWith("/api/")) return NextResponse.next();
  const secret = learnerSecret();
  if ((await verifyLearnerCookie(request.cookies.get(LEARNER_COOKIE)?.value, secret)) !== null)
    return NextResponse.next();
  // No cookie, or one this site did not sign (made up, forged, or from before cookies were signed): a new learner.
  const value = await signLearnerId(crypto.randomUUID(), secret);
  request.cookies.set(LEARNER_COOKIE, value);
  const response = NextResponse.next({ request: { headers: request.headers } });
  response.cookies.set(LEARNER_COOKIE, value, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    maxAge: LEARNER_COOKIE_MAX_AGE,
    secure: request.nextUrl.protocol === "https:",
  });
  response.headers.set("cache-control", "private, no-store");
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
