/**
 * THE one place that decides whether policy is enforced on an endpoint in a direction, and whether
 * enforcement means default deny (Cilium pkg/policy/repository.go computePolicyEnforcementAndRules,
 * Documentation/security/policy/intro.rst "Policy Enforcement Modes", host.rst, host-firewall.rst):
 *
 *  1. enable-policy=never                → not enforced, whatever selects the endpoint.
 *  2. host endpoint, host firewall off   → not enforced (host policies are ignored entirely).
 *  3. enable-policy=always               → enforced with default deny in both directions, even when no
 *                                          rule selects the endpoint (the host too when the host
 *                                          firewall is on).
 *  4. enable-policy=default, no selecting rule has a section for this direction
 *                                        → not enforced (everything allowed).
 *  5. enable-policy=default, some selecting rule has an allow or deny section for this direction
 *                                        → enforced. Default deny unless every such rule sets
 *                                          enableDefaultDeny.<dir>: false; then only its deny rules
 *                                          bite and anything not denied is allowed.
 * Deny rules always beat allow rules once enforced (deny.rst); allow rules are ORed.
 */
import type { EnforcementMode } from "./model";
import type { CompiledRule, Direction } from "./policy/types";

export type EnforcementCase = "mode-never" | "host-firewall-off" | "mode-always" | "no-rule" | "rules";

export interface Enforcement {
  readonly enforced: boolean;
  readonly defaultDeny: boolean;
  readonly case: EnforcementCase;
  /** Rules selecting the endpoint that have a section in this direction. */
  readonly rules: readonly CompiledRule[];
}

export function computeEnforcement(
  mode: EnforcementMode,
  isHost: boolean,
  hostFirewall: boolean,
  selecting: readonly CompiledRule[],
  dir: Direction,
): Enforcement {
  const rules = selecting.filter((r) => r.hasSection[dir]);
  if (mode === "never") return { enforced: false, defaultDeny: false, case: "mode-never", rules };
  if (isHost && !hostFirewall) return { enforced: false, defaultDeny: false, case: "host-firewall-off", rules };
  if (mode === "always") return { enforced: true, defaultDeny: true, case: "mode-always", rules };
  if (rules.length === 0) return { enforced: false, defaultDeny: false, case: "no-rule", rules };
  return { enforced: true, defaultDeny: rules.some((r) => r.defaultDeny[dir]), case: "rules", rules };
}
