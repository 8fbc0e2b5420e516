/**
 * The client's address, for per-address limits that fresh cookies cannot escape. `X-Forwarded-For` is
 * whatever the client wrote unless a proxy we trust rewrote it (Next.js only fills it when it is absent), so:
 *
 * - POLICY_LAB_TRUSTED_PROXIES=N (N proxies in front of the app, each appending the address it saw): the
 *   N-th entry from the right of X-Forwarded-For;
 * - otherwise the socket's address, which `npm start` stamps on every request as `x-policy-lab-peer`
 *   (scripts/http-guard.cjs, overwriting anything a client sent); failing that (plain `next start` or
 *   `next dev`), the last X-Forwarded-For entry.
 */

export const PEER_HEADER = "x-policy-lab-peer";

/** The address to count requests against. */
export function clientAddress(
  headers: Headers,
  env: Readonly<Record<string, string | undefined>> = process.env,
): string {
  const forwarded = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  const trusted = Number(env.POLICY_LAB_TRUSTED_PROXIES ?? 0);
  if (Number.isInteger(trusted) && trusted > 0) return forwarded[Math.max(0, forwarded.length - trusted)] ?? "unknown";
  return headers.get(PEER_HEADER) ?? forwarded[forwarded.length - 1] ?? "unknown";
}
