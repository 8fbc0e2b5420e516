/**
 * The one error path of every route handler: a failure is an `HttpError` (status + a message a learner or a
 * client author can act on), answered as `{ "error": message }` JSON that is never cached. `route()` wraps a
 * handler so an `HttpError` thrown anywhere below it (body parsing, a budget, a rate limit) becomes that
 * answer, and anything else becomes a logged 500 rather than an empty page.
 */

/** A request the server refuses, with the status and message to answer it with. */
export class HttpError extends Error {
  override readonly name = "HttpError";
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

/** Every API answer is per learner: never stored by a shared cache. */
export const NO_STORE = { "cache-control": "private, no-store" } as const;

/** The JSON error answer: `{ "error": message }`. */
export function apiError(status: number, message: string, headers: Readonly<Record<string, string>> = {}): Response {
  return Response.json({ error: message }, { status, headers: { ...NO_STORE, ...headers } });
}

/** A JSON answer that no cache keeps; `T` is the route's response type from contract.ts. */
export function apiJson<T>(
  body: T,
  init: { status?: number; headers?: Readonly<Record<string, string>> } = {},
): Response {
  return Response.json(body, { status: init.status ?? 200, headers: { ...NO_STORE, ...init.headers } });
}

/** The answer for anything thrown below a route: its own status for an HttpError, a logged 500 otherwise. */
export function errorResponse(error: unknown): Response {
  if (error instanceof HttpError) return apiError(error.status, error.message, error.headers);
  console.error("policy-lab: unhandled error in a route handler", error);
  return apiError(500, "internal error: the server could not handle this request (it has been logged)");
}

/** Wraps a route handler so every failure below it goes through `errorResponse`. */
export function route<A extends unknown[]>(
  handler: (...args: A) => Promise<Response>,
): (...args: A) => Promise<Response> {
  return async (...args: A) => {
    try {
      return await handler(...args);
    } catch (error) {
      return errorResponse(error);
    }
  };
}
