/** L7 DNS rules: matchName (exact, case-insensitive) or matchPattern (`*` within one label) on the query name. */
import { dnsNameMatches, dnsPatternRegExp } from "../dns";
import type { DnsRule } from "../policy/types";

export const dnsMatcher = {
  allows(rule: DnsRule, name: string): boolean {
    if (rule.matchName !== undefined && rule.matchName !== "" && dnsNameMatches(dnsPatternRegExp(rule.matchName, true), name)) return true;
    if (rule.matchPattern !== undefined && rule.matchPattern !== "" && dnsNameMatches(dnsPatternRegExp(rule.matchPattern, false), name)) return true;
    return false;
  },
};
