/** L7 DNS rules: matchName (exact, case-insensitive) or matchPattern (`*` within one label) on the query name. */
import { dnsNameMatches, dnsPattern, type DnsNamePattern } from "../dns";
import type { DnsRule } from "../policy/types";

/** A rule's patterns, compiled on its first query; kept as long as the rule (its policy) is. */
const compiledRules = new WeakMap<DnsRule, readonly DnsNamePattern[]>();

function compiledRule(rule: DnsRule): readonly DnsNamePattern[] {
  let res = compiledRules.get(rule);
  if (!res) {
    res = [
      ...(rule.matchName !== undefined && rule.matchName !== "" ? [dnsPattern(rule.matchName, true)] : []),
      ...(rule.matchPattern !== undefined && rule.matchPattern !== "" ? [dnsPattern(rule.matchPattern, false)] : []),
    ];
    compiledRules.set(rule, res);
  }
  return res;
}

export const dnsMatcher = {
  allows(rule: DnsRule, name: string): boolean {
    return compiledRule(rule).some((re) => dnsNameMatches(re, name));
  },
};
