/**
 * Cross-site requests. A state-changing request (anything but GET/HEAD/OPTIONS) is refused with 403 when a
 * browser says it comes from another origin. The policy, in order:
 *
 * 1. `Origin` present: it must equal this site's origin (scheme + host + port, as the browser addressed us:
 *    `x-forwarded-proto`/`x-forwarded-host`, which Next.js fills from the socket and the Host header when no
 *    proxy did) or one listed in POLICY_LAB_ALLOWED_ORIGINS (comma-separated). `Origin: null` (sandboxed
 *    frames, file: pages) is foreign. Another port on the same host is another origin: a page there is
 *    "same-site" for cookies, which is exactly how a foreign page recorded attempts in a victim's history.
 * 2. No `Origin` but `Sec-Fetch-Site`: only `same-origin` and `none` (the user typed it) pass.
 * 3. Neither header: not a browser (curl, scripts, the bench, Playwright's request API), which cannot ride
 *    a victim's cookies; allowed. Browsers send `Origin` on every non-GET fetch and form post.
 *
 * Pure over headers so the proxy (every route, server actions included) and tests share it.
 */

export type OriginDecision = { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The origin the client addressed, from the forwarded headers Next.js guarantees (or a proxy set). */
export function siteOrigin(headers: Headers, fallback: URL): string {
  const proto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim() || fallback.protocol.replace(/:$/, "");
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host") || fallback.host;
  return `${proto}://${host}`.toLowerCase();
}

/** Origins allowed besides this site's own (POLICY_LAB_ALLOWED_ORIGINS, comma-separated). */
export function allowedOriginsFromEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
): readonly string[] {
  return (env.POLICY_LAB_ALLOWED_ORIGINS ?? "")
    .split(",")
    .map((o) => o.trim().replace(/\/+$/, "").toLowerCase())
    .filter((o) => o !== "");
}

/** Decides whether a request may change state, from its method and headers. */
export function checkOrigin(
  method: string,
  headers: Headers,
  url: URL,
  extraAllowed: readonly string[] = allowedOriginsFromEnv(),
): OriginDecision {
  if (SAFE_METHODS.has(method.toUpperCase())) return { allowed: true };
  const origin = headers.get("origin");
  if (origin !== null) {
    const normalized = origin.trim().replace(/\/+$/, "").toLowerCase();
    if (normalized === siteOrigin(headers, url) || extraAllowed.includes(normalized)) return { allowed: true };
    return { allowed: false, reason: `cross-site request refused: Origin ${origin} is not this site` };
  }
  const site = headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin" && site !== "none") {
    return { allowed: false, reason: `cross-site request refused: a ${site} page may not change data on this site` };
  }
  return { allowed: true };
}
