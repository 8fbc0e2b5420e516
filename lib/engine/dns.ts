/**
 * DNS names and Cilium's DNS patterns (pkg/fqdn/matchpattern): names compare case-insensitively as
 * FQDNs (trailing dot); in a pattern `*` matches any run of label characters but never a dot, so
 * `*.cilium.io` matches `docs.cilium.io` but neither `cilium.io` nor `a.b.cilium.io`; a lone `*`
 * matches every name; a leading `**.` matches one or more labels (Cilium 1.18+).
 *
 * Patterns come from learners, so they are matched by a small automaton over the name instead of a
 * RegExp: `*****x.example` compiled to a backtracking regex took seconds per name; here a match costs at
 * most (name length) × (live pattern positions) — quadratic in the name at worst, never exponential.
 */

/** Lower-case and strip the trailing dot. */
export function normalizeName(name: string): string {
  const n = name.trim().toLowerCase();
  return n.endsWith(".") ? n.slice(0, -1) : n;
}

/** Cilium's allowedDNSCharsREGroup, `[-a-zA-Z0-9_]`. */
function isLabelChar(c: number): boolean {
  return c === 45 || c === 95 || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

const STAR = -1;
const LINE_BREAK = /[\n\r\u2028\u2029]/;

/** A compiled matchName (exact) or matchPattern; `test` takes a normalized name. */
export class DnsNamePattern {
  /** matchName: the normalized name itself. */
  readonly exact: string | undefined;
  /** A lone `*`. */
  readonly any: boolean;
  /** A leading `**.`: one or more whole labels before the rest. */
  readonly subdomains: boolean;
  /** The rest, as char codes, STAR for a run of `*`. */
  readonly tokens: readonly number[];
  /** Characters a name needs at least: each literal takes one. */
  readonly literals: number;

  constructor(pattern: string, exact: boolean) {
    const p = normalizeName(pattern);
    this.exact = exact ? p : undefined;
    this.any = !exact && p === "*";
    this.subdomains = !exact && !this.any && p.startsWith("**.");
    const body = this.subdomains ? p.slice(3) : p;
    const tokens: number[] = [];
    if (!exact && !this.any) {
      for (let i = 0; i < body.length; i++) {
        const c = body.charCodeAt(i);
        if (c === 42) {
          if (tokens[tokens.length - 1] !== STAR) tokens.push(STAR);
        } else tokens.push(c);
      }
    }
    this.tokens = tokens;
    this.literals = tokens.filter((c) => c !== STAR).length;
  }

  test(name: string): boolean {
    if (this.exact !== undefined) return name === this.exact;
    if (this.any) return name.length > 0 && !LINE_BREAK.test(name);
    return this.matchBody(name);
  }

  /**
   * A position set over `tokens` (Thompson's construction without the graph): after each character,
   * the positions reachable, a STAR staying put on label characters and passing on for free.
   */
  private matchBody(name: string): boolean {
    // Runs of stars are one token, so live positions ≤ 2 × literals + 1 ≤ 2 × name length + 1:
    // the work is bounded by the name (≤ 253 characters for a real one) whatever the pattern's length.
    if (this.literals > name.length) return false;
    const t = this.tokens;
    const m = t.length;
    let active: number[] = [];
    let mark = new Uint8Array(m + 1);
    const add = (set: number[], marks: Uint8Array, k: number): void => {
      for (let j = k; j <= m && marks[j] === 0; j++) {
        marks[j] = 1;
        set.push(j);
        if (t[j] !== STAR) break; // a star may match nothing: its successor is live too
      }
    };
    // `**.`: the body may start after any prefix of whole labels, each followed by a dot.
    let labelLen = 0;
    let prefixOk = true;
    if (!this.subdomains) add(active, mark, 0);
    for (let i = 0; i < name.length; i++) {
      const c = name.charCodeAt(i);
      const next: number[] = [];
      const nextMark = new Uint8Array(m + 1);
      for (const k of active) {
        const tok = t[k];
        if (tok === STAR) {
          if (isLabelChar(c)) add(next, nextMark, k);
        } else if (tok === c) add(next, nextMark, k + 1);
      }
      if (this.subdomains && prefixOk) {
        if (c === 46) {
          if (labelLen === 0) prefixOk = false;
          else add(next, nextMark, 0);
          labelLen = 0;
        } else if (isLabelChar(c)) labelLen++;
        else prefixOk = false;
      }
      active = next;
      mark = nextMark;
      if (active.length === 0 && !(this.subdomains && prefixOk)) return false;
    }
    return mark[m] === 1;
  }
}

/** The matcher for a matchName (exact) or matchPattern, over normalized names. */
export function dnsPattern(pattern: string, exact: boolean): DnsNamePattern {
  return new DnsNamePattern(pattern, exact);
}

export function dnsNameMatches(re: DnsNamePattern, name: string): boolean {
  return re.test(normalizeName(name));
}
