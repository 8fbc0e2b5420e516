/**
 * Hubble-style flow records (hubble/pkg/printer compact format, CLI-FORMATS.md §11). Enough structure
 * for `hubble observe` and its filters without guessing. The log is a ring buffer like Hubble's.
 */
import type { MatchType } from "@/lib/engine";

export const FLOW_LOG_CAPACITY = 10_000;

export interface FlowEndpointRecord {
  readonly ip: string;
  readonly port?: number;
  readonly namespace?: string;
  readonly pod?: string;
  /** Owning workload (Deployment/StatefulSet/DaemonSet name). */
  readonly workload?: string;
  /** Numeric identity (reserved ones print by name: see `reserved`). */
  readonly identity: number;
  readonly reserved?: string;
  /** Identity labels, `k8s:app=web`. */
  readonly labels: readonly string[];
  readonly node?: string;
  /** DNS names known for this IP (external hosts). */
  readonly names: readonly string[];
  /** Service the client addressed, `default/deathstar`. */
  readonly service?: string;
}

export type FlowVerdict = "FORWARDED" | "DROPPED" | "AUDIT" | "REDIRECTED" | "ERROR" | "TRACED" | "TRANSLATED";

export type FlowEventKind =
  | {
      readonly type: "trace";
      readonly observationPoint:
        "to-endpoint" | "to-proxy" | "to-stack" | "to-network" | "to-overlay" | "to-host" | "from-endpoint";
    }
  | {
      readonly type: "drop";
      readonly dropReason: "Policy denied" | "Policy denied by denylist" | "No egress gateway found";
    }
  | {
      readonly type: "policy-verdict";
      readonly matchType: MatchType;
      readonly direction: "INGRESS" | "EGRESS";
      readonly allowed: boolean;
    }
  | { readonly type: "l7"; readonly l7: L7Record };

export type L7Record =
  | { readonly kind: "http-request"; readonly method: string; readonly url: string; readonly protocol: "HTTP/1.1" }
  | {
      readonly kind: "http-response";
      readonly method: string;
      readonly url: string;
      readonly protocol: "HTTP/1.1";
      readonly code: number;
      readonly latencyMs: number;
    }
  | { readonly kind: "dns-request"; readonly query: string; readonly qtype: string }
  | {
      readonly kind: "dns-response";
      readonly query: string;
      readonly qtype: string;
      readonly rcode: "NOERROR" | "NXDOMAIN" | "REFUSED";
      readonly answers: readonly string[];
      readonly ttl: number;
    };

export interface FlowEvent {
  /** Sequence number (monotonic per cluster). */
  readonly id: number;
  /** Epoch milliseconds. */
  readonly time: number;
  /** Node whose agent observed it. */
  readonly node: string;
  readonly source: FlowEndpointRecord;
  readonly destination: FlowEndpointRecord;
  readonly event: FlowEventKind;
  readonly verdict: FlowVerdict;
  readonly l4: {
    readonly protocol: "TCP" | "UDP" | "SCTP" | "ICMPv4";
    readonly flags?: readonly ("SYN" | "ACK" | "PSH" | "FIN" | "RST")[];
    readonly icmpType?: "EchoRequest" | "EchoReply";
  };
  /** Reply packets: hubble prints `<-` and keeps the client on the left. */
  readonly isReply: boolean;
  readonly trafficDirection: "INGRESS" | "EGRESS" | "TRAFFIC_DIRECTION_UNKNOWN";
  /** Policies that allowed (verdict FORWARDED) or denied this, `CiliumNetworkPolicy default/rule1`. */
  readonly policies: readonly string[];
  /** The `log.value` of the rules that allowed it (Hubble's policy_log), on forwarded events only. */
  readonly policyLog?: readonly string[];
  /**
   * A policy drop the agent's drop event emitter handled (hubble-drop-events on, drop reason policy_denied,
   * a pod on the dropping side): the source of the pod's PacketDrop Kubernetes Events.
   */
  readonly dropEvent?: "policy_denied" | "policy_deny" | "no_egress_gateway";
}

/** Append events, keeping only the newest FLOW_LOG_CAPACITY. */
export function appendFlows(log: readonly FlowEvent[], events: readonly FlowEvent[]): readonly FlowEvent[] {
  const all = log.concat(events);
  return all.length > FLOW_LOG_CAPACITY ? all.slice(all.length - FLOW_LOG_CAPACITY) : all;
}
