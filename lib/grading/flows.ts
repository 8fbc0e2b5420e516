/**
 * `flows` checks: every expected flow must get its verdict (and snatIP) from the engine. A ref that names
 * several pods (a Deployment, a Service's backends) passes only when EVERY pair gets the expected verdict:
 * "the xwing is dropped by the deathstar" must hold for both replicas, not for the first one.
 */
import { evaluateAll, type ClusterState, type Verdict } from "@/lib/cluster";
import { allowLogs } from "@/lib/engine";
import type { ExpectedFlow } from "./schema";
import type { FlowDetail, FlowSpecView } from "./types";

function specView(flow: ExpectedFlow): FlowSpecView {
  return {
    from: flow.from,
    to: flow.to,
    port: flow.port,
    protocol: flow.protocol,
    ...(flow.http ? { http: flow.http } : {}),
    ...(flow.dns !== undefined ? { dns: flow.dns } : {}),
  };
}

/** The flow left the cluster through an egress gateway node (not merely matched by a CEGP without one). */
const viaGateway = (verdict: Verdict): boolean => verdict.egressGateway?.node !== undefined;

/** The `log.value`s Hubble attaches to the flow: those of the rules that allowed it (never on a drop). */
const policyLogsOf = (verdict: Verdict): string[] => (verdict.verdict === "allowed" ? allowLogs(verdict.steps) : []);

/** Does one pair's verdict meet the expectation? */
function meets(flow: ExpectedFlow, verdict: Verdict): boolean {
  if (verdict.verdict !== flow.expect) return false;
  if (flow.egressGateway !== undefined && viaGateway(verdict) !== flow.egressGateway) return false;
  if (flow.audited !== undefined && (verdict.audited === true) !== flow.audited) return false;
  if (flow.policyLog !== undefined && !policyLogsOf(verdict).includes(flow.policyLog)) return false;
  return flow.snatIP === undefined || verdict.snatIP === flow.snatIP;
}

/** Evaluates one expected flow on a snapshot. */
export function evaluateExpectedFlow(state: ClusterState, flow: ExpectedFlow): FlowDetail {
  const spec = specView(flow);
  const base = {
    kind: "flow" as const,
    flow: spec,
    expected: flow.expect,
    ...(flow.snatIP !== undefined ? { expectedSnatIP: flow.snatIP } : {}),
    ...(flow.egressGateway !== undefined ? { expectedEgressGateway: flow.egressGateway } : {}),
    ...(flow.audited !== undefined ? { expectedAudited: flow.audited } : {}),
    ...(flow.policyLog !== undefined ? { expectedPolicyLog: flow.policyLog } : {}),
    ...(flow.why !== undefined ? { why: flow.why } : {}),
  };
  const all = evaluateAll(state, {
    from: flow.from,
    to: flow.to,
    port: flow.port,
    protocol: flow.protocol,
    http: flow.http,
    dns: flow.dns,
  });
  if (!all.ok) return { ...base, passed: false, actual: "error", reason: all.error };
  const first = all.pairs[0];
  if (!first) return { ...base, passed: false, actual: "error", reason: "the flow has no endpoints" };
  const miss = all.pairs.find((p) => !meets(flow, p.verdict));
  const decisive = miss ?? first;
  const several = all.pairs.length > 1;
  const missing = all.pairs.filter((p) => !meets(flow, p.verdict)).length;
  const prefix = several && miss ? `${miss.from} → ${miss.to} (${missing} of ${all.pairs.length} pairs missed): ` : "";
  return {
    ...base,
    passed: miss === undefined,
    actual: decisive.verdict.verdict,
    ...(flow.snatIP !== undefined ? { actualSnatIP: decisive.verdict.snatIP ?? null } : {}),
    ...(flow.egressGateway !== undefined ? { actualEgressGateway: viaGateway(decisive.verdict) } : {}),
    ...(flow.audited !== undefined ? { actualAudited: decisive.verdict.audited === true } : {}),
    ...(flow.policyLog !== undefined ? { actualPolicyLogs: policyLogsOf(decisive.verdict) } : {}),
    ...(several ? { pair: { from: decisive.from, to: decisive.to } } : {}),
    reason: prefix + decisive.verdict.reason,
  };
}
