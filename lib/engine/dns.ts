/**
 * DNS names and Cilium's DNS patterns (pkg/fqdn/matchpattern): names compare case-insensitively as
 * FQDNs (trailing dot); in a pattern `*` matches any run of label characters but never a dot, so
 * `*.cilium.io` matches `docs.cilium.io` but neither `cilium.io` nor `a.b.cilium.io`; a lone `*`
 * matches every name; a leading `**.` matches one or more labels (Cilium 1.18+).
 */

/** Lower-case and strip the trailing dot. */
export function normalizeName(name: string): string {
  const n = name.trim().toLowerCase();
  return n.endsWith(".") ? n.slice(0, -1) : n;
}

const LABEL_CHARS = "[-a-zA-Z0-9_]";

function escapeRe(s: string): string {
  return s.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
}

/** RegExp matching normalized names for a matchName (exact) or matchPattern. */
export function dnsPatternRegExp(pattern: string, exact: boolean): RegExp {
  const p = normalizeName(pattern);
  if (exact) return new RegExp(`^${escapeRe(p)}$`);
  if (p === "*") return /^.+$/;
  let body = p;
  let prefix = "";
  if (body.startsWith("**.")) {
    prefix = `(?:${LABEL_CHARS}+\\.)+`;
    body = body.slice(3);
  }
  const re = escapeRe(body).replace(/\*/g, `${LABEL_CHARS}*`);
  return new RegExp(`^${prefix}${re}$`);
}

export function dnsNameMatches(re: RegExp, name: string): boolean {
  return re.test(normalizeName(name));
}
