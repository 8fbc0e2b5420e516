/**
 * L7 HTTP rules (Documentation/security/policy/layer7.rst): method, path and host are RE2 regexes that
 * must match the whole value (Envoy safe_regex full match, so `/v1/` does not match `/v1/x`); the path
 * is matched against `:path`, query string included; `headers` entries are `Name` (present) or
 * `Name: value` (equal); a request is allowed when every field of any one rule matches.
 */
import { compileAnchored } from "../policy/ports";
import type { HttpRule } from "../policy/types";

export interface HttpRequest {
  readonly method: string;
  readonly path: string;
  readonly host?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

const never = (): boolean => false;
const re = (text: string): ((s: string) => boolean) => {
  const c = compileAnchored(text);
  return c.ok ? c.test : never;
};

function header(req: HttpRequest, name: string): string | undefined {
  const want = name.toLowerCase();
  for (const [k, v] of Object.entries(req.headers ?? {})) if (k.toLowerCase() === want) return v;
  return undefined;
}

/** The first part of a request an HTTP rule refuses (Envoy checks them all; any one failing is enough). */
export type HttpMismatch =
  | { readonly part: "method" | "path" | "host"; readonly want: string; readonly got: string }
  | { readonly part: "header"; readonly name: string; readonly want?: string; readonly got?: string };

function mismatch(rule: HttpRule, req: HttpRequest): HttpMismatch | undefined {
  if (rule.method && !re(rule.method)(req.method)) return { part: "method", want: rule.method, got: req.method };
  if (rule.path && !re(rule.path)(req.path)) return { part: "path", want: rule.path, got: req.path };
  if (rule.host && !re(rule.host)(req.host ?? "")) return { part: "host", want: rule.host, got: req.host ?? "" };
  for (const h of rule.headers) {
    const i = h.indexOf(":");
    const name = (i < 0 ? h : h.slice(0, i)).trim();
    const want = i >= 0 ? h.slice(i + 1).trim() : undefined;
    const got = header(req, name);
    if (got === undefined || (want !== undefined && got !== want)) return { part: "header", name, want, got };
  }
  for (const hm of rule.headerMatches) {
    const got = header(req, hm.name);
    if (got === undefined || (hm.value !== undefined && got !== hm.value))
      return { part: "header", name: hm.name, want: hm.value, got };
  }
  return undefined;
}

/** Quoted as written: regexes keep their backslashes unescaped. */
const q = (s: string): string => `"${s}"`;

/** `path "/x" does not match "/api/.*"` — the failed part in words. */
export function mismatchText(m: HttpMismatch): string {
  if (m.part === "header") {
    if (m.got === undefined)
      return `header ${m.name} is missing${m.want !== undefined ? ` (the rule wants ${m.name}: ${m.want})` : " (the rule requires it)"}`;
    return `header ${m.name} is ${q(m.got)}, the rule wants ${q(m.want ?? "")}`;
  }
  if (m.part === "host" && m.got === "") return `the request has no Host, the rule wants host ${q(m.want)}`;
  return `${m.part} ${q(m.got)} does not match ${q(m.want)}`;
}

export const httpMatcher = {
  mismatch,
  allows(rule: HttpRule, req: HttpRequest): boolean {
    if (rule.method && !re(rule.method)(req.method)) return false;
    if (rule.path && !re(rule.path)(req.path)) return false;
    if (rule.host && !re(rule.host)(req.host ?? "")) return false;
    for (const h of rule.headers) {
      const i = h.indexOf(":");
      const name = (i < 0 ? h : h.slice(0, i)).trim();
      const got = header(req, name);
      if (got === undefined) return false;
      if (i >= 0 && got !== h.slice(i + 1).trim()) return false;
    }
    for (const hm of rule.headerMatches) {
      const got = header(req, hm.name);
      if (got === undefined || (hm.value !== undefined && got !== hm.value)) return false;
    }
    return true;
  },
};
