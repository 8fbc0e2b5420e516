/**
 * Policy audit mode (Documentation/gettingstarted/policy-creation.rst, Documentation/security/policy-
 * enforcement: "Policy Audit Mode"): globally (`policy-audit-mode`) or per endpoint
 * (`cilium-dbg endpoint config ID PolicyAuditMode=Enabled`). A flow that L3/L4 policy would drop is
 * forwarded and its policy verdict reported as AUDIT; L7 rules are still enforced by the proxy (audit
 * mode covers layers 3 and 4 only).
 */
import type { Settings } from "./model";
import type { Party } from "./refs";

export function auditMode(settings: Settings, p: Party): boolean {
  if (settings.policyAuditMode) return true;
  if (p.kind !== "pod" || !settings.auditEndpoints || settings.auditEndpoints.length === 0) return false;
  return settings.auditEndpoints.includes(`${p.pod.namespace}/${p.pod.name}`);
}
