import "server-only";
/**
 * The graded attempt, answered by `npm start`'s server before Next.js routes it (scripts/next-worker.mjs
 * calls `serveFast` for every request that passed the admission gate; instrumentation.ts installs it).
 *
 * Why: under a class's burst the attempt route is what the server does most, and Next.js's own work per
 * API request (routing, the proxy, building its request and response objects) cost more main-thread time
 * than everything the route itself does outside the job pool (measured: 2.3 ms of CPU per request on a
 * JSON 404, against ~5 ms for a whole graded attempt). Grading, the budgets and the storage are the same
 * code as the Next.js route's (attempt-submit.ts); what the proxy checks first for every API request is
 * repeated here: the method (only POST is taken), the cross-site rule (origin.ts) and the headers Next.js
 * fills in before routing. Every answer carries the security headers next.config.mjs gives the rest.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { attemptSlug } from "../../scripts/admission.mjs";
import { securityHeaders } from "../../scripts/security-headers.mjs";
import { submitAttempt } from "./attempt-submit";
import { apiError } from "./errors";
import { LEARNER_COOKIE } from "@/lib/learner/cookie";
import { checkOrigin } from "./origin";

/** The challenge whose attempt this request posts, or null when it is anything else (Next.js answers it). */
export function fastAttempt(method: string | undefined, url: string | undefined): { readonly slug: string } | null {
  const slug = attemptSlug(method, url);
  if (slug === null) return null;
  try {
    return { slug: decodeURIComponent(slug) };
  } catch {
    return null; // not valid percent-encoding: the proxy's 400
  }
}

/** One cookie's value from a Cookie header, decoded as Next.js's parser does. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const at = part.indexOf("=");
    if (at < 0 || part.slice(0, at).trim() !== name) continue;
    const raw = part.slice(at + 1).trim();
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  }
  return undefined;
}

/** The request's headers as Next.js hands them to a route: the forwarded ones filled in when absent. */
function requestHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  const encrypted = (req.socket as { encrypted?: boolean }).encrypted === true;
  if (!headers.has("x-forwarded-host") && req.headers.host) headers.set("x-forwarded-host", req.headers.host);
  if (!headers.has("x-forwarded-proto")) headers.set("x-forwarded-proto", encrypted ? "https" : "http");
  if (!headers.has("x-forwarded-for") && req.socket.remoteAddress)
    headers.set("x-forwarded-for", req.socket.remoteAddress);
  return headers;
}

const SECURITY = securityHeaders(false);

async function send(res: ServerResponse, response: Response): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  for (const { key, value } of SECURITY) res.setHeader(key, value);
  response.headers.forEach((value, key) => res.setHeader(key, value));
  res.setHeader("content-length", body.length);
  res.statusCode = response.status;
  res.end(body);
}

/** Answers the request if it is a graded attempt (true), or leaves it untouched for Next.js (false). */
export async function serveFast(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const attempt = fastAttempt(req.method, req.url);
  if (attempt === null) return false;
  const headers = requestHeaders(req);
  let url: URL;
  try {
    url = new URL(req.url as string, `${headers.get("x-forwarded-proto")}://${headers.get("x-forwarded-host")}`);
  } catch {
    url = new URL(req.url as string, "http://localhost");
  }
  const origin = checkOrigin("POST", headers, url);
  if (!origin.allowed) {
    await send(res, apiError(403, origin.reason));
    return true;
  }
  const request = new Request(url, {
    method: "POST",
    headers,
    body: req as unknown as ReadableStream<Uint8Array>,
    // @ts-expect-error -- Node's fetch needs `duplex` for a streamed body; lib.dom's RequestInit lacks it.
    duplex: "half",
  });
  await send(res, await submitAttempt(request, attempt.slug, cookieValue(req.headers.cookie, LEARNER_COOKIE)));
  return true;
}

/** Makes `serveFast` reachable from the server worker, which runs outside Next.js's bundles. */
export function installFastPath(): void {
  (globalThis as { policyLabServeFast?: typeof serveFast }).policyLabServeFast = serveFast;
}
