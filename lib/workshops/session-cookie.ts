/** Setting and clearing the instructor's session cookie on a response. */
import type { NextResponse } from "next/server";
import { isHttps } from "./http";
import { SESSION_COOKIE } from "./sessions";

export function setSessionCookie(response: NextResponse, request: Request, token: string, expiresAt: Date): void {
  response.cookies.set(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: isHttps(request),
    path: "/",
    expires: expiresAt,
  });
}

export function clearSessionCookie(response: NextResponse, request: Request): void {
  response.cookies.set(SESSION_COOKIE, "", {
    httpOnly: true,
    sameSite: "lax",
    secure: isHttps(request),
    path: "/",
    maxAge: 0,
  });
}
