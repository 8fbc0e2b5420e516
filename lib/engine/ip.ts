/**
 * IPv4 addresses and CIDR prefixes. IPv6 is parsed (so policies using it validate as Cilium does) but
 * the simulated clusters are IPv4-only, so an IPv6 prefix never matches anything.
 */

/** Parse dotted-quad IPv4 into an unsigned 32-bit number, or undefined. */
export function parseIPv4(s: string): number | undefined {
  const parts = s.split(".");
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return undefined;
    if (p.length > 1 && p.startsWith("0")) return undefined; // Go's netip rejects leading zeros
    const v = Number(p);
    if (v > 255) return undefined;
    n = n * 256 + v;
  }
  return n >>> 0;
}

export function formatIPv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
}

export interface Prefix {
  readonly family: 4 | 6;
  /** Network base (masked) for IPv4; 0 for IPv6. */
  readonly base: number;
  readonly bits: number;
  readonly text: string;
}

/** Result of parsing a prefix: the prefix or Go netip's error wording. */
export type PrefixResult = { ok: true; prefix: Prefix } | { ok: false; error: string };

function looksIPv6(s: string): boolean {
  return s.includes(":") && /^[0-9a-fA-F:.]+$/.test(s);
}

/** Parse `a.b.c.d/n` like Go's netip.ParsePrefix (errors worded like it). */
export function parsePrefix(s: string): PrefixResult {
  const q = JSON.stringify(s);
  const slash = s.lastIndexOf("/");
  if (slash < 0) return { ok: false, error: `netip.ParsePrefix(${q}): no '/'` };
  const addr = s.slice(0, slash);
  const bitsText = s.slice(slash + 1);
  const v6 = looksIPv6(addr);
  const v4 = parseIPv4(addr);
  if (v4 === undefined && !v6) {
    return { ok: false, error: `netip.ParsePrefix(${q}): ParseAddr(${JSON.stringify(addr)}): unable to parse IP` };
  }
  const max = v6 ? 128 : 32;
  if (!/^\d+$/.test(bitsText) || Number(bitsText) > max || (bitsText.length > 1 && bitsText.startsWith("0"))) {
    return { ok: false, error: `netip.ParsePrefix(${q}): bad bits after slash: ${JSON.stringify(bitsText)}` };
  }
  const bits = Number(bitsText);
  if (v6) return { ok: true, prefix: { family: 6, base: 0, bits, text: s } };
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return { ok: true, prefix: { family: 4, base: ((v4 as number) & mask) >>> 0, bits, text: s } };
}

/** A bare address is accepted where Cilium's `CIDR` type allows it (toCIDR: "10.0.0.1" means /32). */
export function parsePrefixOrAddr(s: string): PrefixResult {
  if (!s.includes("/")) {
    const v4 = parseIPv4(s);
    if (v4 !== undefined) return { ok: true, prefix: { family: 4, base: v4, bits: 32, text: `${s}/32` } };
    if (looksIPv6(s)) return { ok: true, prefix: { family: 6, base: 0, bits: 128, text: `${s}/128` } };
    return { ok: false, error: `ParseAddr(${JSON.stringify(s)}): unable to parse IP` };
  }
  return parsePrefix(s);
}

export function prefixContainsIP(p: Prefix, ip: number): boolean {
  if (p.family !== 4) return false;
  if (p.bits === 0) return true;
  const mask = (0xffffffff << (32 - p.bits)) >>> 0;
  return (ip & mask) >>> 0 === p.base;
}

/** True when `inner` lies entirely inside `outer`. */
export function prefixContainsPrefix(outer: Prefix, inner: Prefix): boolean {
  if (outer.family !== inner.family) return false;
  if (outer.family === 6) return inner.bits >= outer.bits;
  return inner.bits >= outer.bits && prefixContainsIP(outer, inner.base);
}
