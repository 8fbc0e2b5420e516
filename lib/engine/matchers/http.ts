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

type Test = (s: string) => boolean;
type CompiledRule = { readonly method?: Test; readonly path?: Test; readonly host?: Test };

/** A rule's regexes, compiled on its first request; kept as long as the rule (its policy) is. */
const compiledRules = new WeakMap<HttpRule, CompiledRule>();

function anchored(text: string): Test {
  const c = compileAnchored(text);
  return c.ok ? c.test : () => false;
}

function compiledRule(rule: HttpRule): CompiledRule {
  let c = compiledRules.get(rule);
  if (!c) {
    c = {
      ...(rule.method ? { method: anchored(rule.method) } : {}),
      ...(rule.path ? { path: anchored(rule.path) } : {}),
      ...(rule.host ? { host: anchored(rule.host) } : {}),
    };
    compiledRules.set(rule, c);
  }
  return c;
}

function header(req: HttpRequest, name: string): string | undefined {
  const want = name.toLowerCase();
  for (const [k, v] of Object.entries(req.headers ?? {})) if (k.toLowerCase() === want) return v;
  return undefined;
}

export const httpMatcher = {
  allows(rule: HttpRule, req: HttpRequest): boolean {
    const c = compiledRule(rule);
    if (c.method && !c.method(req.method)) return false;
    if (c.path && !c.path(req.path)) return false;
    if (c.host && !c.host(req.host ?? "")) return false;
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
