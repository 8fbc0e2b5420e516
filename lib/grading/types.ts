/**
 * What the grader returns: per-check outcomes with details a learner can act on (closed unions, plain JSON,
 * no timestamps or random values, so the same submission always grades to the same JSON).
 */
import type { ClusterState, VerdictKind } from "@/lib/cluster";

/** What a check looks at: the cluster snapshot and the command lines the learner ran (oldest first). */
export interface CheckContext {
  readonly cluster: ClusterState;
  readonly history: readonly string[];
}

/** The flow as the check states it (refs as in content/README.md). */
export interface FlowSpecView {
  readonly from: string;
  readonly to: string;
  readonly port: number;
  readonly protocol: "TCP" | "UDP" | "SCTP";
  readonly http?: {
    readonly method: string;
    readonly path: string;
    readonly headers?: Readonly<Record<string, string>>;
  };
  readonly dns?: string;
}

/** One expected flow against what the engine decided. */
export interface FlowDetail {
  readonly kind: "flow";
  readonly passed: boolean;
  readonly flow: FlowSpecView;
  readonly expected: VerdictKind;
  /** "error": the flow could not be evaluated (an unknown ref: an authoring bug, or a deleted workload). */
  readonly actual: VerdictKind | "error";
  readonly expectedSnatIP?: string;
  /** The source IP the destination saw (allowed flows), when the check asks for one. */
  readonly actualSnatIP?: string | null;
  readonly expectedEgressGateway?: boolean;
  /** Whether the flow left through an egress gateway node, when the check asks. */
  readonly actualEgressGateway?: boolean;
  readonly expectedAudited?: boolean;
  /** Whether policy audit mode forwarded a flow that policy would drop (Hubble's AUDIT), when the check asks. */
  readonly actualAudited?: boolean;
  readonly expectedPolicyLog?: string;
  /** The policy log values Hubble shows for the flow (allowed flows only), when the check asks for one. */
  readonly actualPolicyLogs?: readonly string[];
  /** For refs naming several pods: the pair that decided `actual` (the first one that missed). */
  readonly pair?: { readonly from: string; readonly to: string };
  /** The engine's explanation of `actual` (which policy and rule, or which default deny). */
  readonly reason: string;
  /** The author's note on why this verdict is expected. */
  readonly why?: string;
}

export interface CommandDetail {
  readonly kind: "command";
  readonly passed: boolean;
  readonly match: string;
  /** The first history line that matched. */
  readonly line?: string;
  readonly message: string;
}

export interface ResourceDetail {
  readonly kind: "resource";
  readonly passed: boolean;
  /** `kind ns/name` of each matching object, sorted. */
  readonly found: readonly string[];
  readonly message: string;
}

export interface SettingDetail {
  readonly kind: "setting";
  readonly passed: boolean;
  readonly field: "enforcementMode" | "hostFirewall" | "policyAuditMode";
  readonly expected: string | boolean;
  readonly actual: string | boolean;
  readonly message: string;
}

export interface ConstraintDetail {
  readonly kind: "constraint";
  readonly passed: boolean;
  readonly rule: string;
  /** One line per offending object or rule; empty when the constraint holds. */
  readonly violations: readonly string[];
  readonly message: string;
}

export type Detail = FlowDetail | CommandDetail | ResourceDetail | SettingDetail | ConstraintDetail;

/** The outcome of one check on one state. */
export interface CheckOutcome {
  readonly passed: boolean;
  readonly details: readonly Detail[];
}

/** A lesson objective's live tick (browser) or recomputed state (server). */
export interface ObjectiveResult {
  readonly name: string;
  readonly passed: boolean;
  readonly details: readonly Detail[];
}

export type CheckStatus = "passed" | "failed" | "blocked";

/** One challenge check in a grade, as the server sees it. */
export interface CheckResult {
  readonly name: string;
  readonly title: string;
  readonly hidden: boolean;
  readonly weight: number;
  readonly status: CheckStatus;
  readonly passed: boolean;
  /** Checks that must pass before this one is evaluated. */
  readonly needs: readonly string[];
  /** When blocked: the needed checks that did not pass. */
  readonly blockedBy?: readonly string[];
  readonly details: readonly Detail[];
  /** Shown when the check failed: the first matching `hints[].text`, else `hint`. */
  readonly hint?: string;
}

/** A problem with what the learner applied, reported as such rather than as failed flows. */
export interface SubmissionProblem {
  /** rejected: the API server refused it (schema, YAML); invalid: Cilium stored it with VALID=False (enforces nothing); warning: accepted but a trap. */
  readonly kind: "rejected" | "invalid" | "warning";
  /** `CiliumNetworkPolicy default/rule1`, when known. */
  readonly object?: string;
  /** Index of the journal operation that failed (rejected problems from a journal). */
  readonly op?: number;
  readonly message: string;
}

/** The full grade (server side; contains hidden checks' details). */
export interface GradeResult {
  readonly challenge: string;
  readonly passed: boolean;
  /** 0–100: the share of check weight that passed, rounded down (100 only when every check passed). */
  readonly score: number;
  readonly checks: readonly CheckResult[];
  readonly errors: readonly SubmissionProblem[];
  readonly warnings: readonly SubmissionProblem[];
}

/** A hidden check as the learner sees it: whether it passed, never what it probes. */
export interface RedactedCheckResult {
  readonly name: string;
  readonly title: string;
  readonly hidden: true;
  readonly weight: number;
  readonly status: CheckStatus;
  readonly passed: boolean;
  readonly needs: readonly string[];
  readonly blockedBy?: readonly string[];
  readonly hint?: string;
}

export type VisibleCheckResult = CheckResult & { readonly hidden: false };

/**
 * A flow a hidden check got wrong: kept beside a stored attempt for the workshop's hosts (the class
 * dashboard's wrong verdicts by flow), never part of what the learner is sent.
 */
export interface HiddenWrongFlow {
  readonly check: string;
  readonly flow: FlowSpecView;
  readonly expected: VerdictKind;
  readonly actual: VerdictKind | "error";
}

/** What leaves the server (API responses, stored attempts, `npm run grade`). */
export interface PublicGradeResult {
  readonly challenge: string;
  readonly passed: boolean;
  readonly score: number;
  readonly checks: readonly (VisibleCheckResult | RedactedCheckResult)[];
  readonly errors: readonly SubmissionProblem[];
  readonly warnings: readonly SubmissionProblem[];
}
