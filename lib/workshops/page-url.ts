import "server-only";
/** The site's own origin for links shown on pages (join links, QR codes), from the request headers. */
import { headers } from "next/headers";

export async function siteOrigin(): Promise<string> {
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const proto = h.get("x-forwarded-proto") ?? "http";
  return `${proto}://${host}`;
}
