/**
 * The request checks every workshop route shares: JSON errors, the cross-site check on state-changing
 * requests, JSON bodies (415 otherwise) with a size limit and a zod schema, and the client's address.
 * (Kept here until the shared request-parsing module lands; same rules.)
 */
import type * as z from "zod";
import { NextResponse } from "next/server";
import { readLimitedBody } from "@/lib/challenges/http";

export const NO_STORE = { "cache-control": "no-store" } as const;

export const jsonError = (status: number, message: string, headers: Record<string, string> = {}) =>
  NextResponse.json({ error: message }, { status, headers: { ...NO_STORE, ...headers } });

/**
 * Refuses a state-changing request a browser sent on behalf of another site: an Origin (or Sec-Fetch-Site)
 * that is not this site. Scripts send neither and are let through — they hold the cookie themselves.
 */
export function crossSiteProblem(request: Request): Response | null {
  const site = request.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return jsonError(403, "cross-site request refused: send it from this site");
  const origin = request.headers.get("origin");
  if (origin === null) return null;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return jsonError(403, "cross-site request refused: unreadable Origin header");
  }
  return originHost === host ? null : jsonError(403, `cross-site request refused: Origin ${origin} is not this site`);
}

export type Parsed<T> = { readonly ok: true; readonly data: T } | { readonly ok: false; readonly response: Response };

/** Reads a JSON body (application/json, at most `max` bytes) and checks it against a schema. */
export async function readJson<S extends z.ZodType>(request: Request, schema: S, max = 16 * 1024): Promise<Parsed<z.infer<S>>> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) return { ok: false, response: jsonError(415, "send the body as JSON (content-type: application/json)") };
  const body = await readLimitedBody(request, max);
  if (!body.ok) return { ok: false, response: jsonError(413, `the body is limited to ${max / 1024} KB`) };
  let json: unknown;
  try {
    json = JSON.parse(body.text);
  } catch {
    return { ok: false, response: jsonError(400, "the body is not JSON") };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
    return { ok: false, response: jsonError(400, `${where}${issue?.message ?? "invalid body"}`) };
  }
  return { ok: true, data: parsed.data };
}

/**
 * The client's address for throttling: the first X-Forwarded-For hop when a proxy sets one, else "direct".
 * Only a throttle key — the per-account and per-learner keys do the real limiting.
 */
export function clientAddress(request: Request): string {
  const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || request.headers.get("x-real-ip") || "direct";
}

/** Secure cookies over HTTPS (directly or behind a TLS-terminating proxy). */
export function isHttps(request: Request): boolean {
  return new URL(request.url).protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
}
