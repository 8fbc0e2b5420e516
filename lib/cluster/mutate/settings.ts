/** Agent settings (`enable-policy`, `enable-host-firewall`, egress gateway). */
import { withChanges } from "../state";
import type { ClusterState, MutationResult, Settings } from "../types";

export function setSettings(state: ClusterState, patch: Partial<Settings>): MutationResult {
  const next: Settings = { ...state.settings, ...patch };
  const bad = (["default", "always", "never"] as const).includes(next.enforcementMode)
    ? undefined
    : next.enforcementMode;
  if (bad !== undefined) {
    return {
      state,
      ok: false,
      outcomes: [],
      diagnostics: [
        {
          severity: "error",
          code: "bad-request",
          message: `error: invalid value for enable-policy: ${JSON.stringify(bad)} (default, always or never)`,
        },
      ],
    };
  }
  if (JSON.stringify(next) === JSON.stringify(state.settings))
    return { state, ok: true, outcomes: [], diagnostics: [] };
  const clean = {
    ...(patch.enforcementMode !== undefined ? { enforcementMode: patch.enforcementMode } : {}),
    ...(patch.hostFirewall !== undefined ? { hostFirewall: patch.hostFirewall } : {}),
    ...(patch.egressGateway !== undefined ? { egressGateway: patch.egressGateway } : {}),
    ...(patch.policyAuditMode !== undefined ? { policyAuditMode: patch.policyAuditMode } : {}),
    ...(patch.policyDenyResponse !== undefined ? { policyDenyResponse: patch.policyDenyResponse } : {}),
    ...(patch.policyCidrMatchMode !== undefined ? { policyCidrMatchMode: patch.policyCidrMatchMode } : {}),
    ...(patch.nodeSelectorLabels !== undefined ? { nodeSelectorLabels: patch.nodeSelectorLabels } : {}),
    ...(patch.hubbleDropEvents !== undefined ? { hubbleDropEvents: patch.hubbleDropEvents } : {}),
    ...(patch.hubbleDropEventsReasons !== undefined ? { hubbleDropEventsReasons: patch.hubbleDropEventsReasons } : {}),
    ...(patch.clusterNetworkPolicy !== undefined ? { clusterNetworkPolicy: patch.clusterNetworkPolicy } : {}),
    ...(patch.clusterNetworkPolicyCrd !== undefined ? { clusterNetworkPolicyCrd: patch.clusterNetworkPolicyCrd } : {}),
    ...(patch.auditEndpoints !== undefined ? { auditEndpoints: [...patch.auditEndpoints] } : {}),
  };
  return {
    state: withChanges(state, { settings: next, journal: { op: "setting", settings: clean } }),
    ok: true,
    outcomes: [],
    diagnostics: [],
  };
}
