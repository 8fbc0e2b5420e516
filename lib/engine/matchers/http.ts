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

export const httpMatcher = {
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
