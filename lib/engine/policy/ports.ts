/**
 * toPorts / PortRule: parse and sanitize like Cilium (pkg/policy/api/rule_validation.go PortRule.sanitize,
 * PortProtocol.sanitize, L7Rules.sanitize). Problems are returned as Cilium's error text.
 */
import { re2 } from "#re2";
import type { DnsRule, HttpRule, L4Proto, L7Rules, PortSpec } from "./types";
import { asArr, type Raw } from "@/lib/base/raw";

const MAX_PORTS = 40;

/** IANA service name (RFC 6335): 1-15 chars, letters/digits/hyphens, at least one letter, no edge or double hyphen. */
export function isSvcName(s: string): boolean {
  return (
    s.length >= 1 &&
    s.length <= 15 &&
    /^[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?$/.test(s) &&
    /[a-zA-Z]/.test(s) &&
    !s.includes("--")
  );
}

const str = (v: unknown): string => (typeof v === "string" ? v : v === undefined || v === null ? "" : String(v));

/** Go's strconv.ParseUint(s, 0, 16) as Cilium calls it: accepts 0x / 0o / 0b prefixes. */
function parsePortNumber(s: string): { ok: true; n: number } | { ok: false; error: string } {
  const q = JSON.stringify(s);
  let n: number;
  if (/^0[xX][0-9a-fA-F]+$/.test(s)) n = parseInt(s.slice(2), 16);
  else if (/^0[oO]?[0-7]+$/.test(s) && s.length > 1) n = parseInt(s.replace(/^0[oO]?/, ""), 8);
  else if (/^0[bB][01]+$/.test(s)) n = parseInt(s.slice(2), 2);
  else if (/^\d+$/.test(s)) n = Number(s);
  else return { ok: false, error: `Unable to parse port: strconv.ParseUint: parsing ${q}: invalid syntax` };
  if (n > 65535)
    return { ok: false, error: `Unable to parse port: strconv.ParseUint: parsing ${q}: value out of range` };
  return { ok: true, n };
}

export function parseProto(p: unknown): L4Proto | undefined {
  const s = str(p).toUpperCase();
  if (s === "" || s === "ANY") return "ANY";
  if (s === "TCP" || s === "UDP" || s === "SCTP") return s;
  return undefined;
}

type Anchored = { ok: true; test: (s: string) => boolean } | { ok: false; error: string };

/**
 * Compiled patterns by text, shared by analysis (validation) and matching, and by every lab and grade on
 * this process — the same policies come back on every attempt. Bounded, because the texts come from learners.
 */
const MAX_CACHED = 512;
const anchoredCache = new Map<string, Anchored>();

/** Compile a Cilium HTTP regex (Go RE2 syntax) anchored the way Envoy's safe_regex full match does. */
export function compileAnchored(re: string): Anchored {
  const hit = anchoredCache.get(re);
  if (hit) return hit;
  const RE2JS = re2();
  let compiled: Anchored;
  try {
    RE2JS.compile(re); // report errors against the user's own text
    const r = RE2JS.compile(`^(?:${re})$`);
    compiled = { ok: true, test: (s) => r.matches(s) };
  } catch (e) {
    compiled = { ok: false, error: (e as Error).message };
  }
  if (anchoredCache.size >= MAX_CACHED) anchoredCache.delete(anchoredCache.keys().next().value as string);
  anchoredCache.set(re, compiled);
  return compiled;
}

function parseHttp(raw: Raw): { rule: HttpRule } | { error: string } {
  for (const f of ["path", "method", "host"] as const) {
    const v = raw[f];
    if (typeof v === "string" && v !== "") {
      const c = compileAnchored(v);
      if (!c.ok) return { error: `error parsing regexp: ${c.error.replace(/^error parsing regexp: /i, "")}` };
    }
  }
  const headerMatches = asArr(raw.headerMatches).map((h) => ({
    name: str(h.name),
    value: h.value === undefined ? undefined : str(h.value),
  }));
  if (headerMatches.some((h) => h.name === "")) return { error: "Header name required" };
  return {
    rule: {
      method: raw.method === undefined ? undefined : str(raw.method),
      path: raw.path === undefined ? undefined : str(raw.path),
      host: raw.host === undefined ? undefined : str(raw.host),
      headers: (Array.isArray(raw.headers) ? raw.headers : []).map(str),
      headerMatches,
    },
  };
}

const DNS_NAME_RE = /^[-a-zA-Z0-9_.]+$/;
const DNS_PATTERN_RE = /^[-a-zA-Z0-9_.*]+$/;

/** Validate a DNS/FQDN matchName / matchPattern pair (pkg/policy/api/fqdn.go sanitize). */
export function checkDnsMatch(matchName: string, matchPattern: string): string | undefined {
  if (matchName === "" && matchPattern === "") return "Invalid FQDNSelector: must set either matchName or matchPattern";
  if (matchName !== "" && !DNS_NAME_RE.test(matchName)) {
    return `Invalid characters in MatchName: "${matchName}". Only 0-9, a-z, A-Z and . and - characters are allowed`;
  }
  if (matchPattern !== "" && !DNS_PATTERN_RE.test(matchPattern)) {
    return `Invalid characters in MatchPattern: "${matchPattern}". Only 0-9, a-z, A-Z and ., - and * characters are allowed`;
  }
  return undefined;
}

export interface ParsedPortRule {
  readonly ports: readonly PortSpec[];
  readonly l7?: L7Rules;
  readonly endPortWarnings: readonly string[];
}

/** Parse one PortRule; `ingress` selects ingress-only checks; `deny` rules carry no L7. */
export function parsePortRule(
  raw: Raw,
  ingress: boolean,
): { ok: true; rule: ParsedPortRule } | { ok: false; error: string } {
  const rules = (raw.rules ?? undefined) as Raw | undefined;
  const http = rules ? asArr(rules.http) : [];
  const dns = rules ? asArr(rules.dns) : [];
  // The CRD has no kafka / l7proto / l7 since 1.20 (proxylib removed): the API server rejects them before this.
  const hasRules = http.length + dns.length > 0;
  if (ingress && dns.length > 0) return { ok: false, error: "DNS rules are not allowed on ingress" };
  const rawPorts = asArr(raw.ports);
  if (rawPorts.length > MAX_PORTS) return { ok: false, error: `too many ports, the max is ${MAX_PORTS}` };
  const ports: PortSpec[] = [];
  const warnings: string[] = [];
  let haveZero = false;
  for (const p of rawPorts) {
    const portText = str(p.port);
    if (portText === "") return { ok: false, error: "Port must be specified" };
    const protocol = parseProto(p.protocol);
    if (!protocol)
      return {
        ok: false,
        error: `invalid protocol ${JSON.stringify(str(p.protocol))}, must be { tcp | udp | sctp | any }`,
      };
    const endPort = typeof p.endPort === "number" ? p.endPort : 0;
    if (isSvcName(portText)) {
      ports.push({ port: 0, endPort: 0, name: portText.toLowerCase(), protocol });
    } else {
      const n = parsePortNumber(portText);
      if (!n.ok) return { ok: false, error: n.error };
      if (n.n === 0) haveZero = true;
      if (dns.length > 0 && endPort > n.n) return { ok: false, error: "DNS rules do not support port ranges" };
      if (endPort !== 0 && endPort < n.n)
        warnings.push(
          `endPort ${endPort} is lower than port ${n.n}: the range is ignored and only port ${n.n} matches`,
        );
      ports.push({ port: n.n, endPort: endPort > n.n ? endPort : n.n, protocol });
    }
    if (hasRules && dns.length === 0 && protocol !== "TCP") {
      return { ok: false, error: `L7 rules can only apply to TCP (not ${protocol}) except for DNS rules` };
    }
  }
  if (!hasRules) return { ok: true, rule: { ports, endPortWarnings: warnings } };
  if (haveZero) return { ok: false, error: "L7 rules can not be used when a port is 0" };
  const nTypes = [rules?.http !== undefined, rules?.dns !== undefined].filter(Boolean).length;
  if (dns.length > 0 && rawPorts.length === 0) return { ok: false, error: "Port 53 must be specified for DNS rules" };
  if (nTypes > 1) return { ok: false, error: "multiple L7 protocol rule types specified in single rule" };
  if (dns.length > 0) {
    const out: DnsRule[] = [];
    for (const d of dns) {
      const err = checkDnsMatch(str(d.matchName), str(d.matchPattern));
      if (err) return { ok: false, error: err };
      out.push({
        matchName: d.matchName === undefined ? undefined : str(d.matchName),
        matchPattern: d.matchPattern === undefined ? undefined : str(d.matchPattern),
      });
    }
    return { ok: true, rule: { ports, l7: { kind: "dns", rules: out }, endPortWarnings: warnings } };
  }
  const out: HttpRule[] = [];
  for (const h of http) {
    const r = parseHttp(h);
    if ("error" in r) return { ok: false, error: r.error };
    out.push(r.rule);
  }
  return { ok: true, rule: { ports, l7: { kind: "http", rules: out }, endPortWarnings: warnings } };
}
