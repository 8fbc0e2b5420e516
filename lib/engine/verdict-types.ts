/** Verdict shapes returned by evaluate(): closed unions, JSON-serialisable. */
import type { PolicyKind } from "./model";
import type { Direction, Section } from "./policy/types";

export type VerdictKind = "allowed" | "dropped" | "denied-l7";

/** Hubble's policy-verdict match types. */
export type MatchType = "L3-Only" | "L3-L4" | "L4-Only" | "all" | "none";

/** A policy rule (or the default deny / egress gateway) that decided a direction. */
export interface MatchRef {
  /** `CiliumNetworkPolicy default/rule1`, `CiliumClusterwideNetworkPolicy cluster-rule`. */
  readonly policy: string;
  readonly kind: PolicyKind;
  readonly namespace?: string;
  readonly name: string;
  readonly direction: Direction;
  readonly section?: Section;
  readonly ruleIndex?: number;
  readonly specIndex?: number;
  readonly effect: "allow" | "deny" | "default-deny" | "l7-allow" | "l7-deny" | "egress-gateway";
  /** The rule's spec `log.value` (pkg/policy/api LogConfig), carried into Hubble's policy_log. */
  readonly log?: string;
  /** A ClusterNetworkPolicy rule: its tier, the policy's priority and the rule's name. */
  readonly tier?: "Admin" | "Baseline";
  readonly priority?: number;
  readonly ruleName?: string;
}

export type DirectionOutcome =
  "not-enforced" | "allowed" | "allowed-no-default-deny" | "localhost" | "denied" | "default-deny" | "l7-denied";

export interface DirectionResult {
  readonly direction: Direction;
  /** What was checked: `default/xwing`, `node kind-worker`. */
  readonly subject: string;
  readonly enforced: boolean;
  readonly outcome: DirectionOutcome;
  readonly matchType: MatchType;
  /** L7 proxy involved: the flow was redirected to Envoy / the DNS proxy. */
  readonly proxy?: "http" | "dns";
  readonly matched: readonly MatchRef[];
  readonly reason: string;
  /** Policy audit mode: the outcome is a drop, but the flow was forwarded and reported as AUDIT. */
  readonly audited?: boolean;
}

export interface EndpointSummary {
  readonly kind: "pod" | "host" | "world";
  /** `default/xwing`, `node/kind-worker`, `external/outpost` or the raw IP. */
  readonly name: string;
  readonly namespace?: string;
  readonly pod?: string;
  readonly node?: string;
  readonly ip: string;
  readonly port: number;
  /** Identity as the other side sees it. */
  readonly identity: number;
  /** Reserved name (`world`, `host`...) when the identity is reserved. */
  readonly reserved?: string;
  readonly labels: readonly string[];
}

export interface Verdict {
  readonly verdict: VerdictKind;
  readonly reason: string;
  readonly matched: readonly MatchRef[];
  /** Source IP the destination sees (pod IP in-cluster, node or egress IP outside). Absent when dropped. */
  readonly snatIP?: string;
  readonly source: EndpointSummary;
  readonly destination: EndpointSummary;
  readonly steps: readonly DirectionResult[];
  /** Egress gateway used (policy and gateway node), when one applied. */
  readonly egressGateway?: { readonly policy: string; readonly node?: string; readonly snatIP?: string };
  /** Some direction would have dropped the flow but policy audit mode let it through. */
  readonly audited?: boolean;
}
