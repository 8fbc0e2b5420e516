/** Internal, compiled form of policy rules (after Cilium's translation and Sanitize). */
import type { PolicyKey } from "../brand";
import type { DnsNamePattern } from "../dns";
import type { Prefix } from "../ip";
import type { PolicyKind } from "../model";
import type { Selector } from "../selector";

export type Direction = "ingress" | "egress";
export type Section = "ingress" | "egress" | "ingressDeny" | "egressDeny";
export type L4Proto = "TCP" | "UDP" | "SCTP" | "ANY" | "ICMP";

/** Where a rule came from: printed in reasons and `matched`. */
export interface RuleOrigin {
  readonly policy: PolicyKey;
  readonly kind: PolicyKind;
  readonly namespace?: string;
  readonly name: string;
  /** Index in `specs` when the object uses the `specs` list, else undefined. */
  readonly specIndex?: number;
  readonly section: Section;
  readonly ruleIndex: number;
  /** The spec's `log.value` (Hubble's policy_log for the flows the rule allows). */
  readonly log?: string;
}

/** One peer of a rule. Each listed peer becomes its own entry. */
export type Peer =
  | { readonly kind: "all" }
  | { readonly kind: "endpoints"; readonly selector: Selector; readonly text: string }
  | { readonly kind: "entity"; readonly entity: string }
  | { readonly kind: "cidr"; readonly prefix: Prefix; readonly except: readonly Prefix[]; readonly text: string }
  /** cidrGroupRef (by name) or cidrGroupSelector (by the group's labels): resolved per snapshot. */
  | { readonly kind: "cidrGroup"; readonly name?: string; readonly selector?: Selector; readonly text: string }
  | { readonly kind: "fqdn"; readonly matchName?: string; readonly matchPattern?: string; readonly re: DnsNamePattern }
  | { readonly kind: "service"; readonly namespace: string; readonly name?: string; readonly selector?: Selector }
  | { readonly kind: "nodes"; readonly selector: Selector };

export interface PortSpec {
  /** 0 = any port. */
  readonly port: number;
  /** Inclusive end of a range (= port when no range). */
  readonly endPort: number;
  /** A named port (resolved against the destination pod's container ports). */
  readonly name?: string;
  readonly protocol: L4Proto;
}

export interface HttpRule {
  readonly method?: string;
  readonly path?: string;
  readonly host?: string;
  readonly headers: readonly string[];
  readonly headerMatches: readonly { readonly name: string; readonly value?: string }[];
}

export interface DnsRule {
  readonly matchName?: string;
  readonly matchPattern?: string;
}

export type L7Rules =
  | { readonly kind: "http"; readonly rules: readonly HttpRule[] }
  | { readonly kind: "dns"; readonly rules: readonly DnsRule[] };

/** One (peer × toPorts group) of a rule: the unit of matching. */
export interface Entry {
  readonly peer: Peer;
  /** undefined = every port and protocol (an L3-only rule). */
  readonly ports?: readonly PortSpec[];
  readonly l7?: L7Rules;
  readonly origin: RuleOrigin;
  readonly deny: boolean;
}

export type Subject =
  { readonly kind: "endpoints"; readonly selector: Selector } | { readonly kind: "nodes"; readonly selector: Selector };

/** A translated, sanitized rule (one per CNP spec, per KNP). */
export interface CompiledRule {
  readonly policy: PolicyKey;
  readonly kind: PolicyKind;
  readonly namespace?: string;
  readonly name: string;
  readonly specIndex?: number;
  readonly subject: Subject;
  readonly ingress: readonly Entry[];
  readonly egress: readonly Entry[];
  /** Whether the rule has an ingress/egress section at all (allow or deny, non-empty). */
  readonly hasSection: { readonly ingress: boolean; readonly egress: boolean };
  /** enableDefaultDeny after Sanitize's defaulting. */
  readonly defaultDeny: { readonly ingress: boolean; readonly egress: boolean };
  /** Cilium's translated rule JSON for `cilium-dbg policy get`. */
  readonly translated: unknown;
}

/** A Cilium-layer problem with a stored policy: errors make it VALID=False; warnings are traps. */
export interface PolicyProblem {
  readonly severity: "error" | "warning";
  readonly message: string;
}

/** Everything the engine knows about one stored policy. */
export interface PolicyAnalysis {
  readonly key: PolicyKey;
  readonly kind: PolicyKind;
  readonly namespace?: string;
  readonly name: string;
  readonly valid: boolean;
  /** The status message Cilium sets (`Policy validation succeeded` or the error). */
  readonly message: string;
  readonly problems: readonly PolicyProblem[];
  readonly rules: readonly CompiledRule[];
}
