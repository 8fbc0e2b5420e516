/**
 * The immutable cluster handle the shell works on: a thin object over lib/cluster's ClusterState, so
 * commands call methods and get a new handle back from every write. adapter.ts implements it.
 */
import type { ClientRef, ClusterState, ConnectRequest, ConnectResult, EgressMapEntry, FlowEvent, Journal, KubeObject, ResourceType, Settings } from "@/lib/cluster";
import type { Json } from "../printers/yaml";

export type { ClientRef, ConnectRequest, ConnectResult, FlowEvent, KubeObject, Settings };
export type EnforcementMode = Settings["enforcementMode"];
/** Short alias used by the printers. */
export type KObject = KubeObject;

/** A line a mutation prints: outcomes on stdout (fd 1), errors on stderr (fd 2), in order. */
export interface OutLine {
  readonly fd: 1 | 2;
  readonly text: string;
}

export interface WriteResult {
  readonly cluster: ClusterApi;
  readonly lines: readonly OutLine[];
  readonly ok: boolean;
}

export interface DeleteRequest {
  readonly type: string;
  readonly names: readonly string[];
  readonly namespace?: string;
  readonly allNamespaces?: boolean;
  readonly selector?: string;
  readonly all?: boolean;
}

export interface LabelRequest extends DeleteRequest {
  readonly labels: readonly string[];
  readonly overwrite: boolean;
}

/** One Cilium endpoint as `cilium-dbg endpoint list` shows it. */
export interface AgentEndpoint {
  readonly id: number;
  readonly node: string;
  /** The pod behind a pod endpoint (absent for host and health endpoints). */
  readonly namespace?: string;
  readonly pod?: string;
  readonly identity: number;
  readonly labels: readonly string[];
  readonly ipv4: string;
  readonly ingressEnforcement: "Enabled" | "Disabled";
  readonly egressEnforcement: "Enabled" | "Disabled";
  readonly status: string;
}

export interface ClusterApi {
  /** Objects of a type across all namespaces, sorted by namespace then name. */
  list(type: ResourceType): readonly KubeObject[];
  /** kubectl apply/create -f with the text of each file, in order; `namespace` is an explicit `-n`. */
  write(mode: "apply" | "create", texts: readonly { readonly source: string; readonly text: string }[], opts?: { readonly namespace?: string }): WriteResult;
  /** kubectl delete -f (`namespace`: an explicit `-n`). */
  removeTexts(texts: readonly { readonly source: string; readonly text: string }[], opts?: { readonly namespace?: string }): WriteResult;
  /** kubectl delete TYPE NAME… / -l / --all. */
  remove(req: DeleteRequest): WriteResult;
  /** kubectl label. */
  relabel(req: LabelRequest): WriteResult;
  /** kubectl rollout restart TYPE [NAME…] (no names: every object of the type in the namespace). */
  restart(req: { readonly type: string; readonly names: readonly string[]; readonly namespace?: string; readonly selector?: string }): WriteResult;
  settings(): Settings;
  /** The cilium-config ConfigMap (`cilium config view`), sorted by key. */
  ciliumConfig(): Readonly<Record<string, string>>;
  configure(patch: Partial<Settings>): ClusterApi;
  /** One simulated connection (DNS included); appends its flows. */
  connect(req: ConnectRequest): { readonly cluster: ClusterApi; readonly result: ConnectResult };
  flows(): readonly FlowEvent[];
  /** Containers outside the cluster on the kind network (docker exec targets besides nodes). */
  externals(): readonly { readonly name: string; readonly ip: string }[];
  /** The agent's endpoints on one node (all nodes when omitted), sorted by endpoint ID. */
  agentEndpoints(node?: string): readonly AgentEndpoint[];
  /** The egress gateway policy map of the agent on `node` (sorted); undefined when egress gateway is off. */
  egressMap(node: string): readonly EgressMapEntry[] | undefined;
  /** Identities with their labels (`k8s:a=b`), sorted by ID, reserved ones included. */
  identities(): readonly { readonly id: number; readonly labels: readonly string[] }[];
  /** cilium-dbg policy get: the translated rules and the repository revision. */
  policyRepository(): { readonly rules: readonly Json[]; readonly revision: number };
  /** Every successful mutation and connection, replayable from the scenario. */
  journal(): Journal;
  /** The underlying lib/cluster snapshot (grading, flow views, explain). */
  state(): ClusterState;
}
