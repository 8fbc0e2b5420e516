/**
 * Gives every visitor an anonymous learner id on first visit (httpOnly, SameSite=Lax), so progress can be
 * saved without a login wall. The id is also placed on the request itself, so the page rendered for this
 * very first request already sees it. The database row is created by the server code on first use.
 */
import { NextResponse, type NextRequest } from "next/server";
import { isLearnerId, LEARNER_COOKIE, LEARNER_COOKIE_MAX_AGE } from "@/lib/learner/cookie";

export function proxy(request: NextRequest) {
  if (isLearnerId(request.cookies.get(LEARNER_COOKIE)?.value)) return NextResponse.next();
  const id = crypto.randomUUID();
  request.cookies.set(LEARNER_COOKIE, id);
  const response = NextResponse.next({ request: { headers: request.headers } });
  response.cookies.set(LEARNER_COOKIE, id, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    maxAge: LEARNER_COOKIE_MAX_AGE,
    secure: request.nextUrl.protocol === "https:",
  });
  return response;
}

// Pages only: an API request without the cookie is refused (401) rather than given a fresh learner, or a
// client that drops cookies would become a new learner on every request and escape per-learner limits.
export const config = {
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
