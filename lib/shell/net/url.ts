/** URL and host:port parsing shared by curl, nc and friends. */
export interface Target {
  readonly scheme: "http" | "https";
  readonly host: string;
  readonly port: number;
  readonly path: string;
  /** The URL as curl prints it in errors and -w %{url_effective}. */
  readonly url: string;
}

/** Parses what curl accepts: `host`, `host/path`, `http://host:port/path`, `https://…`. */
export function parseUrl(raw: string): Target | { readonly error: string } {
  const m = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/)?(\[[^\]]*\]|[^/:?#]*)(?::(\d*))?([^?#]*)?(\?[^#]*)?/.exec(raw);
  if (!m) return { error: "URL rejected: Malformed input to a URL function" };
  const scheme = (m[1] ?? "http").toLowerCase();
  if (scheme !== "http" && scheme !== "https") return { error: `Protocol "${scheme}" not supported` };
  const host = m[2] ?? "";
  if (host === "") return { error: "URL rejected: No host part in the URL" };
  const port = m[3] ? Number(m[3]) : scheme === "https" ? 443 : 80;
  if (!Number.isInteger(port) || port > 65535)
    return { error: "URL rejected: Port number was not a decimal number between 0 and 65535" };
  const path = (m[4] || "/") + (m[5] ?? "");
  return { scheme, host, port, path, url: `${scheme}://${host}${m[3] ? `:${port}` : ""}${path}` };
}

/** True for a dotted IPv4 address. */
export function isIPv4(s: string): boolean {
  return /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(s) && s.split(".").every((x) => Number(x) <= 255);
}

/** /etc/services names nc prints: `[tcp/http]`. */
export function serviceName(port: number, proto: "tcp" | "udp"): string {
  const names: Record<number, string> = {
    22: "ssh",
    53: "domain",
    80: "http",
    443: "https",
    2379: "*",
    5432: "postgresql",
    6443: "*",
    8080: "http-alt",
    9090: "*",
    9100: "*",
    10250: "*",
  };
  return `[${proto}/${names[port] ?? "*"}]`;
}
