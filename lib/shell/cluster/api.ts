/**
 * The lib/cluster types the shell's commands use, under the names the printers know, and what a mutation
 * prints. The shell holds lib/cluster's ClusterState itself (ShellState.cluster); ./ops.ts has the few
 * helpers lib/cluster has no direct function for.
 */
import type { ClusterState, KubeObject, Settings } from "@/lib/cluster";

export type {
  ClientRef,
  ConnectRequest,
  ConnectResult,
  EndpointInfo,
  FlowEvent,
  KubeObject,
  Settings,
} from "@/lib/cluster";
export type EnforcementMode = Settings["enforcementMode"];
/** Short alias used by the printers. */
export type KObject = KubeObject;

/** A line a mutation prints: outcomes on stdout (fd 1), errors on stderr (fd 2), in order. */
export interface OutLine {
  readonly fd: 1 | 2;
  readonly text: string;
}

export interface WriteResult {
  readonly cluster: ClusterState;
  readonly lines: readonly OutLine[];
  readonly ok: boolean;
}
