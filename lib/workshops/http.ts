/**
 * The request checks every workshop route shares, as the shapes those routes use (a `Parsed` union, a
 * ready `Response`), over the one implementation in lib/http: JSON errors, the cross-site rule (also
 * applied to every state change by proxy.ts), JSON bodies with a size limit, storable text and a zod
 * schema, and the client's real address.
 */
import type * as z from "zod";
import { readJson as readJsonBody } from "@/lib/http/body";
import { clientAddress as addressOf } from "@/lib/http/client-address";
import { apiError, HttpError, NO_STORE as PRIVATE_NO_STORE } from "@/lib/http/errors";
import { checkOrigin } from "@/lib/http/origin";

export const NO_STORE = PRIVATE_NO_STORE;

export const jsonError = (status: number, message: string, headers: Record<string, string> = {}) =>
  apiError(status, message, headers);

/** A 403 for a state-changing request a browser sent on behalf of another site (lib/http/origin.ts), else null. */
export function crossSiteProblem(request: Request): Response | null {
  const decision = checkOrigin(request.method, request.headers, new URL(request.url));
  return decision.allowed ? null : jsonError(403, decision.reason);
}

export type Parsed<T> = { readonly ok: true; readonly data: T } | { readonly ok: false; readonly response: Response };

/** Reads a JSON body (application/json, at most `max` bytes) and checks it against a schema. */
export async function readJson<S extends z.ZodType>(
  request: Request,
  schema: S,
  max = 16 * 1024,
): Promise<Parsed<z.infer<S>>> {
  let json: unknown;
  try {
    json = await readJsonBody(request, { maxBytes: max, tooLarge: `the body is limited to ${max / 1024} KB` });
  } catch (error) {
    if (error instanceof HttpError) return { ok: false, response: jsonError(error.status, error.message) };
    throw error;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
    return { ok: false, response: jsonError(400, `${where}${issue?.message ?? "invalid body"}`) };
  }
  return { ok: true, data: parsed.data };
}

/** The client's address for throttling: the socket's, or what trusted proxies say (lib/http/client-address.ts). */
export function clientAddress(request: Request): string {
  return addressOf(request.headers);
}

/** Secure cookies over HTTPS (directly or behind a TLS-terminating proxy). */
export function isHttps(request: Request): boolean {
  return new URL(request.url).protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
}
