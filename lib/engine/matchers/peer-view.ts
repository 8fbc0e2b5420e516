/** What a policy sees of the other side of a flow: its identity (as seen from the subject's node), its IP and learned DNS names. */
import type { Identity } from "../identity";
import type { NodeModel, PodModel } from "../model";

export interface PeerView {
  /** Memo key: identity id, plus the IP and names for world peers (CIDR / FQDN rules look at those). */
  readonly key: string;
  /** Small integer standing for `key` (fast memo keys); assigned by the compiled snapshot. */
  readonly num?: number;
  readonly identity: Identity;
  /** IPv4 as uint32 when CIDR rules may match it (outside-the-cluster addresses; node IPs with policy-cidr-match-mode=nodes). */
  readonly worldIP?: number;
  /** The peer's IP as text (any kind of peer). */
  readonly ip: string;
  /** Names the DNS proxy of the subject's agent saw resolve to this IP (toFQDNs). */
  readonly names: readonly string[];
  /** World peers: the node whose agent's FQDN cache `names` came from. */
  readonly agent?: string;
  /** The node, when the peer is a host (toNodes/fromNodes match its labels). */
  readonly node?: NodeModel;
  /** The peer pod, when it is one (named ports on egress resolve against it). */
  readonly pod?: PodModel;
}
