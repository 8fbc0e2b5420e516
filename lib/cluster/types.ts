/** Public types of the simulated cluster (see API.md). Everything here is plain, JSON-friendly data. */
import type { EnforcementMode, Settings, Verdict, World } from "@/lib/engine";
import type { FlowEvent } from "./flowlog";
import type { JournalOp } from "./journal";
import type { Scenario } from "./scenario/types";

/** Injected effects: the core never reads the wall clock or Math.random. */
export interface Deps {
  /** Epoch milliseconds. */
  readonly clock: () => number;
  /** Uniform in [0, 1): uids, source ports, generated name suffixes, backend choice. */
  readonly random: () => number;
}

export type Json = null | boolean | number | string | readonly Json[] | { readonly [k: string]: Json };

export interface ObjectMeta {
  readonly name: string;
  readonly namespace?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly uid: string;
  readonly resourceVersion: string;
  readonly creationTimestamp: string;
  readonly generation?: number;
  readonly ownerReferences?: readonly Json[];
}

/** A Kubernetes object as the API server returns it (apiVersion, kind, metadata, spec, status...). */
export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: ObjectMeta;
  readonly [field: string]: Json | ObjectMeta | undefined;
}

/** Identifies an object the way kubectl names it. */
export interface ObjectRef {
  /** Plural resource name: `ciliumnetworkpolicies`. */
  readonly resource: string;
  /** API group, "" for core. */
  readonly group: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}

export type DiagnosticCode =
  | "yaml-syntax"
  | "yaml-limit"
  | "no-objects"
  | "missing-kind"
  | "unknown-kind"
  | "missing-name"
  | "strict-decoding"
  | "invalid"
  | "already-exists"
  | "not-found"
  | "namespace-not-found"
  | "label-conflict"
  | "label-invalid"
  | "policy-invalid"
  | "policy-warning"
  | "unsupported"
  | "bad-request"
  /** `kubectl apply -n b` on a document that names namespace `a`. */
  | "namespace-mismatch"
  /** A `Warning: ...` line kubectl prints on stderr without failing (e.g. missing last-applied annotation). */
  | "kubectl-warning";

/** A problem, with `message` worded exactly as kubectl (or Cilium, for policy-*) prints it. */
export interface Diagnostic {
  readonly severity: "error" | "warning";
  readonly code: DiagnosticCode;
  readonly message: string;
  readonly object?: ObjectRef;
  /** Field path for schema errors: `spec.ingress[0].fromEndpoint`. */
  readonly field?: string;
}

export type Operation =
  | "created"
  | "configured"
  | "unchanged"
  | "deleted"
  | "labeled"
  | "unlabeled"
  | "modified"
  | "not labeled"
  | "restarted";

export interface Outcome {
  readonly ref: ObjectRef;
  readonly operation: Operation;
  /** kubectl's stdout line: `ciliumnetworkpolicy.cilium.io/rule1 created`, `pod "x" deleted from default namespace`. */
  readonly line: string;
}

export interface MutationResult {
  readonly state: ClusterState;
  /** False when any error diagnostic was produced (kubectl would exit 1). */
  readonly ok: boolean;
  /** In document / argument order. */
  readonly outcomes: readonly Outcome[];
  readonly diagnostics: readonly Diagnostic[];
}

export type { EnforcementMode, Settings, Verdict };

/** A stored object plus what the store needs to know about it. */
export interface Stored {
  readonly resource: string;
  readonly object: KubeObject;
}

/** An immutable snapshot of the simulated cluster. Never mutate; every operation returns a new one. */
export interface ClusterState {
  readonly deps: Deps;
  readonly scenario: Scenario;
  /** Key `resource|namespace|name` → stored object. */
  readonly objects: ReadonlyMap<string, Stored>;
  readonly settings: Settings;
  /** Last resourceVersion handed out. */
  readonly resourceVersion: number;
  /** Cilium's policy repository revision (bumps on every policy change). */
  readonly policyRevision: number;
  /** Identity label-set key → numeric id, kept across snapshots so ids stay stable. */
  readonly identityAllocations: ReadonlyMap<string, number>;
  /** node → (IP → names) the DNS proxy on that node has seen (toFQDNs). */
  readonly fqdnCache: ReadonlyMap<string, ReadonlyMap<string, readonly string[]>>;
  /** Hubble's ring buffer (last FLOW_LOG_CAPACITY events, oldest first). */
  readonly flows: readonly FlowEvent[];
  /** Every successful mutation, replayable with `replay()`. */
  readonly journal: readonly JournalOp[];
  /** Engine input derived from the store (internal; use the read functions). */
  readonly world: World;
}
