// Types for server-limits.mjs (plain JavaScript: the workers run it without a TypeScript loader).
import type { Server, ServerOptions } from "node:http";

export interface ServerLimits {
  /** ms to receive a request's headers (a half-sent request is dropped with 408). */
  readonly headersTimeout: number;
  /** ms to receive a whole request, body included. */
  readonly requestTimeout: number;
  /** ms an idle keep-alive connection stays open after a response. */
  readonly keepAliveTimeout: number;
  /** ms between the checks that enforce the two timeouts above. */
  readonly connectionsCheckingInterval: number;
  /** Open connections per worker; more are closed as soon as they are accepted. */
  readonly maxConnections: number;
  /** Completed connections the kernel queues until the server accepts them (listen's backlog). */
  readonly backlog: number;
}

export function fileLimits(): { soft: number; hard: number } | null;
export function raiseFileLimit(): number | null;
export function serverLimits(softFileLimit: number | null): ServerLimits;
export function serverOptions(limits: ServerLimits): ServerOptions;
export function applyLimits<S extends Server>(server: S, limits: ServerLimits): S;
