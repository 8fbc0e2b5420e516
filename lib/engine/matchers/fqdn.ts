/**
 * toFQDNs: selects the IPs that Cilium's DNS proxy saw in answers for matching names. A name that was
 * never resolved through the proxy (or an IP reached directly) is not selected
 * (Documentation/security/policy/layer3.rst "DNS based").
 */
import { dnsNameMatches, type DnsNamePattern } from "../dns";
import type { PeerView } from "./peer-view";

export const fqdnMatcher = {
  allows(re: DnsNamePattern, peer: PeerView): boolean {
    if (peer.worldIP === undefined) return false;
    return peer.names.some((n) => dnsNameMatches(re, n));
  },
};
