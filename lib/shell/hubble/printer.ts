/**
 * Hubble's flow printer (hubble pkg/printer/printer.go, color.go): the compact line with fatih/color colours on
 * a TTY (hosts cyan, ports yellow, identities magenta, FORWARDED green, DROPPED red, AUDIT yellow), and -o json.
 */
import type { FlowEvent } from "../cluster/api";
import { stampMilli } from "../printers/duration";
import { tabwrite } from "../printers/tabwriter";

type End = FlowEvent["source"];

const paint = (on: boolean, code: number, s: string): string => (on ? `\x1b[${code}m${s}\x1b[0m` : s);

function endpoint(e: End, color: boolean): string {
  const host = e.pod ? `${e.namespace}/${e.pod}` : (e.names[0] ?? e.ip);
  const id = e.reserved ?? `ID:${e.identity}`;
  const port = e.port ? `:${paint(color, 33, String(e.port))}` : "";
  return `${paint(color, 36, host)}${port} (${paint(color, 35, id)})`;
}

/** The TYPE column: trace observation point, drop reason, `policy-verdict:L3-L4 INGRESS`, `http-request`… */
export function typeText(f: FlowEvent): string {
  switch (f.event.type) {
    case "trace":
      return f.event.observationPoint;
    case "drop":
      return f.event.dropReason;
    case "policy-verdict":
      return `policy-verdict:${f.event.matchType} ${f.event.direction}`;
    case "l7":
      return f.event.l7.kind;
  }
}

/** The SUMMARY in parentheses (hubble parser's flow summary). */
export function summary(f: FlowEvent): string {
  if (f.event.type === "l7") {
    const l7 = f.event.l7;
    switch (l7.kind) {
      case "http-request":
        return `${l7.protocol} ${l7.method} ${l7.url}`;
      case "http-response":
        return `${l7.protocol} ${l7.code} ${l7.latencyMs}ms (${l7.method} ${l7.url})`;
      case "dns-request":
        return `DNS Query ${l7.query} ${l7.qtype}`;
      case "dns-response":
        return l7.rcode === "NOERROR"
          ? `DNS Answer ${l7.answers.map((a) => `"${a}"`).join(",")} TTL: ${l7.ttl} (Proxy ${l7.query} ${l7.qtype})`
          : `DNS Answer RCode: ${l7.rcode === "NXDOMAIN" ? "Non-Existent Domain" : "Refused"} TTL: 4294967295 (Proxy ${l7.query} ${l7.qtype})`;
    }
  }
  if (f.l4.protocol === "TCP") return `TCP Flags: ${(f.l4.flags ?? []).join(", ")}`;
  if (f.l4.protocol === "ICMPv4") return `ICMPv4 ${f.l4.icmpType ?? "EchoRequest"}`;
  return f.l4.protocol;
}

/**
 * `--print-policy-names` (printer.go formatPolicyNames): ` BY name (Kind), name (Kind)` after ALLOWED / DENIED
 * of a policy-verdict event, from its *_allowed_by / *_denied_by (only entries with a kind and a name).
 * AUDITED gets none; neither does a default-deny drop, which names no policy.
 */
function policyNamesText(f: FlowEvent): string {
  // `Kind ns/name`, or `Kind name` for cluster-scoped kinds (CCNP, ClusterNetworkPolicy).
  const named = f.policies.map((n) => ({
    kind: n.split(" ")[0] ?? "",
    name:
      n
        .slice(n.indexOf(" ") + 1)
        .split("/")
        .pop() ?? "",
  }));
  const shown = named.filter((p) => p.kind !== "" && p.name !== "");
  return shown.length === 0 ? "" : ` BY ${shown.map((p) => `${p.name} (${p.kind})`).join(", ")}`;
}

function verdictText(f: FlowEvent, color: boolean, policyNames = false): string {
  let v: string = f.verdict;
  if (f.event.type === "policy-verdict") {
    v = f.event.allowed ? (f.verdict === "AUDIT" ? "AUDITED" : "ALLOWED") : "DENIED";
    if (policyNames && f.verdict !== "AUDIT") v += policyNamesText(f);
  }
  const code = f.verdict === "FORWARDED" ? 32 : f.verdict === "DROPPED" ? 31 : f.verdict === "AUDIT" ? 33 : 0;
  return code === 0 ? v : paint(color, code, v);
}

/** One compact line; the client is always on the left (replies print `<-`), unknown direction `<>`. */
export function compactLine(f: FlowEvent, color: boolean, nodeName: boolean, policyNames = false): string {
  const [left, right] = f.isReply ? [f.destination, f.source] : [f.source, f.destination];
  const arrow = f.isReply ? "<-" : f.event.type === "drop" || f.event.type === "policy-verdict" ? "<>" : "->";
  const node = nodeName ? ` [${f.node}]` : "";
  return `${stampMilli(f.time)}${node}: ${endpoint(left, color)} ${arrow} ${endpoint(right, color)} ${typeText(f)} ${verdictText(f, color, policyNames)} (${summary(f)})\n`;
}

function plainEndpoint(e: End): string {
  const host = e.pod ? `${e.namespace}/${e.pod}` : (e.names[0] ?? e.ip);
  return e.port ? `${host}:${e.port}` : host;
}

/** -o table (tabwriter padding 3, no identities): header once, then one row per flow. */
export function tableText(flows: readonly FlowEvent[], policyNames = false): string {
  const rows = flows.map((f) => {
    const [l, r] = f.isReply ? [f.destination, f.source] : [f.source, f.destination];
    return `${stampMilli(f.time)}\t${plainEndpoint(l)}\t${plainEndpoint(r)}\t${typeText(f)}\t${verdictText(f, false, policyNames)}\t${summary(f)}`;
  });
  return tabwrite(["TIMESTAMP\tSOURCE\tDESTINATION\tTYPE\tVERDICT\tSUMMARY", ...rows].join("\n") + "\n", {
    minwidth: 0,
    padding: 3,
  });
}

/** -o dict: one block per flow, separated by a line of dashes. */
export function dictText(flows: readonly FlowEvent[], policyNames = false): string {
  return flows
    .map((f) => {
      const [l, r] = f.isReply ? [f.destination, f.source] : [f.source, f.destination];
      return `  TIMESTAMP: ${stampMilli(f.time)}\n     SOURCE: ${plainEndpoint(l)}\nDESTINATION: ${plainEndpoint(r)}\n       TYPE: ${typeText(f)}\n    VERDICT: ${verdictText(f, false, policyNames)}\n    SUMMARY: ${summary(f)}\n`;
    })
    .join("------------\n");
}

function jsonEndpoint(e: End): Record<string, unknown> {
  return {
    identity: e.identity,
    ...(e.pod ? { cluster_name: "default", namespace: e.namespace } : {}),
    labels: e.labels,
    ...(e.pod ? { pod_name: e.pod } : {}),
    ...(e.workload ? { workloads: [{ name: e.workload, kind: "Deployment" }] } : {}),
  };
}

/** flow.DropReason names (api/v1/flow/flow.proto) of the monitor's drop reasons (pkg/monitor/api/drop.go). */
const DROP_REASON_DESC: Readonly<Record<Extract<FlowEvent["event"], { type: "drop" }>["dropReason"], string>> = {
  "Policy denied": "POLICY_DENIED",
  "Policy denied by denylist": "POLICY_DENY",
  "No egress gateway found": "NO_EGRESS_GATEWAY",
};

/** -o json: one GetFlowsResponse per line (protobuf JSON field names, as hubble prints them). */
export function jsonLine(f: FlowEvent): string {
  const time = new Date(f.time).toISOString().replace(/\.(\d{3})Z$/, ".$1000000Z");
  const ports = { source_port: f.source.port ?? 0, destination_port: f.destination.port ?? 0 };
  const l4 =
    f.l4.protocol === "TCP"
      ? { TCP: { ...ports, ...(f.l4.flags ? { flags: Object.fromEntries(f.l4.flags.map((x) => [x, true])) } : {}) } }
      : f.l4.protocol === "UDP"
        ? { UDP: ports }
        : f.l4.protocol === "SCTP"
          ? { SCTP: ports }
          : { ICMPv4: { type: f.l4.icmpType === "EchoReply" ? 0 : 8 } };
  const l7 = f.event.type === "l7" ? f.event.l7 : undefined;
  const flow: Record<string, unknown> = {
    time,
    verdict: f.verdict,
    ...(f.event.type === "drop" ? { drop_reason_desc: DROP_REASON_DESC[f.event.dropReason] } : {}),
    IP: { source: f.source.ip, destination: f.destination.ip, ipVersion: "IPv4" },
    l4,
    source: jsonEndpoint(f.source),
    destination: jsonEndpoint(f.destination),
    Type: l7 ? "L7" : "L3_L4",
    node_name: f.node,
    ...(f.destination.names.length > 0 ? { destination_names: f.destination.names } : {}),
    ...(l7 && (l7.kind === "http-request" || l7.kind === "http-response")
      ? {
          l7: {
            type: l7.kind === "http-request" ? "REQUEST" : "RESPONSE",
            http: {
              ...(l7.kind === "http-response" ? { code: l7.code } : {}),
              method: l7.method,
              url: l7.url,
              protocol: l7.protocol,
            },
          },
        }
      : {}),
    is_reply: f.isReply,
    traffic_direction: f.trafficDirection,
    ...(f.policies.length > 0
      ? {
          [`${f.trafficDirection === "EGRESS" ? "egress" : "ingress"}_${f.verdict === "DROPPED" ? "denied" : "allowed"}_by`]:
            // `Kind ns/name` or, cluster-scoped (CCNP, ClusterNetworkPolicy), `Kind name`.
            f.policies.map((n) => {
              const ref = n.slice(n.indexOf(" ") + 1);
              const slash = ref.indexOf("/");
              return {
                name: slash >= 0 ? ref.slice(slash + 1) : ref,
                namespace: slash >= 0 ? ref.slice(0, slash) : undefined,
                kind: n.split(" ")[0],
              };
            }),
        }
      : {}),
    ...(f.policyLog ? { policy_log: f.policyLog } : {}),
    Summary: summary(f),
  };
  return JSON.stringify({ flow, node_name: f.node, time }) + "\n";
}
