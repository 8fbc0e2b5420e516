/** `resource` and `setting` checks: what exists in the cluster, and how Cilium is configured. */
import { listObjects, resolveResourceType, type ClusterState, type KubeObject } from "@/lib/cluster";
import type { Check } from "./schema";
import type { ResourceDetail, SettingDetail } from "./types";

type ResourceCheck = Extract<Check, { type: "resource" }>;
type SettingCheck = Extract<Check, { type: "setting" }>;

/** Cilium's Valid condition; objects without one (NetworkPolicy, Pods) count as valid. */
export function isValidObject(o: KubeObject): boolean {
  const status = o.status as { conditions?: { type?: string; status?: string }[] } | undefined;
  const valid = status?.conditions?.find((c) => c.type === "Valid");
  return valid === undefined || valid.status === "True";
}

const refOf = (o: KubeObject): string =>
  `${o.kind} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ""}${o.metadata.name}`;

function describe(check: ResourceCheck): string {
  const parts = [check.kind];
  if (check.name !== undefined) parts.push(check.namespace ? `${check.namespace}/${check.name}` : check.name);
  else if (check.namespace !== undefined) parts.push(`in namespace ${check.namespace}`);
  if (check.labels)
    parts.push(
      `with labels ${Object.entries(check.labels)
        .map(([k, v]) => `${k}=${v}`)
        .join(",")}`,
    );
  if (check.valid !== undefined) parts.push(check.valid ? "(VALID=True)" : "(VALID=False)");
  return parts.join(" ");
}

/** Objects of a kind matching namespace, name, labels and validity; at least one unless `count` says otherwise. */
export function evaluateResource(state: ClusterState, check: ResourceCheck): ResourceDetail {
  const type = resolveResourceType(check.kind);
  if (!type) return { kind: "resource", passed: false, found: [], message: `unknown resource type "${check.kind}"` };
  const listed = listObjects(
    state,
    type.plural,
    check.namespace !== undefined ? { namespace: check.namespace } : { allNamespaces: true },
  );
  const objects = listed.ok ? listed.value : [];
  const found = objects
    .filter((o) => check.name === undefined || o.metadata.name === check.name)
    .filter((o) => Object.entries(check.labels ?? {}).every(([k, v]) => o.metadata.labels?.[k] === v))
    .filter((o) => check.valid === undefined || isValidObject(o) === check.valid)
    .map(refOf)
    .sort();
  const min = check.count ? (check.count.min ?? 0) : 1;
  const max = check.count?.max ?? Number.POSITIVE_INFINITY;
  const passed = found.length >= min && found.length <= max;
  const range =
    max === Number.POSITIVE_INFINITY ? `at least ${min}` : min === max ? `exactly ${min}` : `${min} to ${max}`;
  return { kind: "resource", passed, found, message: `${describe(check)}: expected ${range}, found ${found.length}` };
}

/** Cluster settings (enforcement mode, host firewall, policy audit mode) equal the expected values. */
export function evaluateSetting(state: ClusterState, check: SettingCheck): SettingDetail[] {
  const out: SettingDetail[] = [];
  if (check.enforcementMode !== undefined) {
    const actual = state.settings.enforcementMode;
    out.push({
      kind: "setting",
      field: "enforcementMode",
      expected: check.enforcementMode,
      actual,
      passed: actual === check.enforcementMode,
      message: `policy enforcement mode (enable-policy) is ${actual}, expected ${check.enforcementMode}`,
    });
  }
  if (check.hostFirewall !== undefined) {
    const actual = state.settings.hostFirewall;
    out.push({
      kind: "setting",
      field: "hostFirewall",
      expected: check.hostFirewall,
      actual,
      passed: actual === check.hostFirewall,
      message: `host firewall is ${actual ? "enabled" : "disabled"}, expected ${check.hostFirewall ? "enabled" : "disabled"}`,
    });
  }
  if (check.policyAuditMode !== undefined) {
    const actual = state.settings.policyAuditMode === true;
    const word = (on: boolean): string => (on ? "enabled" : "disabled");
    out.push({
      kind: "setting",
      field: "policyAuditMode",
      expected: check.policyAuditMode,
      actual,
      passed: actual === check.policyAuditMode,
      message: `policy audit mode (policy-audit-mode) is ${word(actual)} agent-wide, expected ${word(check.policyAuditMode)}`,
    });
  }
  return out;
}
