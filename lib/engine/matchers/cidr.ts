/**
 * fromCIDR/toCIDR/CIDRSet and KNP ipBlock. With Cilium's default policy-cidr-match-mode (unset), CIDR
 * selectors only select addresses outside the cluster: pod IPs and node IPs carry their own identities
 * and are never matched by a CIDR, even 0.0.0.0/0 (Documentation/security/policy/layer3.rst, caveats).
 * With policy-cidr-match-mode=nodes the peer view of a node carries its IP too (verdict.ts viewOf).
 */
import { type Prefix, prefixContainsIP } from "../ip";
import type { PeerView } from "./peer-view";

export const cidrMatcher = {
  allows(prefix: Prefix, except: readonly Prefix[], peer: PeerView): boolean {
    if (peer.worldIP === undefined) return false;
    if (!prefixContainsIP(prefix, peer.worldIP)) return false;
    return !except.some((e) => prefixContainsIP(e, peer.worldIP as number));
  },
};
