/**
 * The Flows view's rows: one per decision Hubble recorded (a policy verdict, a drop, an L7 request or
 * DNS query, a delivery to the endpoint), newest last, each with the flow request that re-asks the
 * engine about it — so Explain and "Allow this" answer for exactly the flow the row shows.
 */
import type { Flow, FlowEndpointRecord, FlowEvent } from "@/lib/cluster";

export type RowVerdict = "forwarded" | "dropped" | "denied-l7";

export interface FlowRow {
  readonly id: number;
  readonly time: number;
  readonly node: string;
  readonly source: string;
  readonly destination: string;
  readonly namespaces: readonly string[];
  readonly pods: readonly string[];
  readonly port?: number;
  readonly protocol: string;
  /** `POST /v1/request-landing`, `HTTP 200`, `DNS api.github.com A`, or the trace point / drop reason. */
  readonly summary: string;
  readonly verdict: RowVerdict;
  /** The request to explain or allow (undefined when an end cannot be named, e.g. an unknown IP). */
  readonly flow?: Flow;
}

function label(e: FlowEndpointRecord): string {
  if (e.pod && e.namespace) return `${e.namespace}/${e.pod}`;
  if (e.names.length > 0) return e.names[0] as string;
  if (e.reserved === "host" && e.node) return `node:${e.node}`;
  return e.reserved ? `${e.ip} (${e.reserved})` : e.ip;
}

function refOf(e: FlowEndpointRecord, externals: ReadonlyMap<string, string>): string | undefined {
  if (e.pod && e.namespace) return `${e.namespace}/${e.pod}`;
  if ((e.reserved === "host" || e.reserved === "remote-node" || e.reserved === "kube-apiserver") && e.node)
    return `node:${e.node}`;
  const ext = externals.get(e.ip);
  if (ext) return `external:${ext}`;
  return e.ip;
}

/** The path of a recorded URL (`http://deathstar.default.svc.cluster.local/v1/x?y` → `/v1/x`). */
function pathOf(url: string): string {
  const p = url.replace(/^[a-z]+:\/\/[^/]*/i, "").replace(/[?#].*$/, "");
  return p === "" ? "/" : p;
}

function summary(ev: FlowEvent): string {
  const k = ev.event;
  switch (k.type) {
    case "drop":
      return k.dropReason;
    case "policy-verdict":
      return `policy-verdict:${k.matchType} ${k.direction}`;
    case "trace":
      return k.observationPoint;
    case "l7": {
      const l = k.l7;
      if (l.kind === "http-request") return `${l.method} ${pathOf(l.url)}`;
      if (l.kind === "http-response") return `HTTP ${l.code} ${l.method} ${pathOf(l.url)}`;
      if (l.kind === "dns-request") return `DNS ${l.query} ${l.qtype}`;
      return `DNS ${l.query} ${l.rcode}`;
    }
  }
}

/** The decisions worth a row: not replies, not every trace point (deliveries only), not L7 responses. */
function shown(ev: FlowEvent): boolean {
  if (ev.isReply) return false;
  const k = ev.event;
  if (k.type === "trace") return k.observationPoint === "to-endpoint";
  if (k.type === "l7") return k.l7.kind === "http-request" || k.l7.kind === "dns-request";
  return true;
}

/** Rows of a flow log; `externals` maps outside IPs to the scenario's names (external:NAME). */
export function flowRows(flows: readonly FlowEvent[], externals: ReadonlyMap<string, string>): FlowRow[] {
  const out: FlowRow[] = [];
  for (const ev of flows) {
    if (!shown(ev)) continue;
    const k = ev.event;
    const denied7 = k.type === "l7" && ev.verdict === "DROPPED";
    const verdict: RowVerdict = denied7 ? "denied-l7" : ev.verdict === "DROPPED" ? "dropped" : "forwarded";
    const from = refOf(ev.source, externals);
    const to = refOf(ev.destination, externals);
    const port = ev.destination.port;
    const protocol = ev.l4.protocol === "ICMPv4" ? "ICMP" : ev.l4.protocol;
    let flow: Flow | undefined;
    if (from && to && port !== undefined && protocol !== "ICMP") {
      const l7 = k.type === "l7" ? k.l7 : undefined;
      const http = l7?.kind === "http-request" ? { method: l7.method, path: pathOf(l7.url) } : undefined;
      const query = l7?.kind === "dns-request" ? l7.query.replace(/\.$/, "") : undefined;
      const byName =
        !query && ev.destination.names.length > 0 && to.startsWith("external:")
          ? ev.destination.names[0]?.replace(/\.$/, "")
          : undefined;
      flow = {
        from,
        to,
        port,
        protocol,
        ...(http ? { http } : {}),
        ...(query ? { dns: query } : byName ? { dns: byName } : {}),
      };
    }
    out.push({
      id: ev.id,
      time: ev.time,
      node: ev.node,
      source: label(ev.source),
      destination: label(ev.destination),
      namespaces: [ev.source.namespace, ev.destination.namespace].filter((x): x is string => x !== undefined),
      pods: [ev.source.pod, ev.destination.pod].filter((x): x is string => x !== undefined),
      ...(port !== undefined ? { port } : {}),
      protocol,
      summary: summary(ev),
      verdict,
      ...(flow ? { flow } : {}),
    });
  }
  return out;
}
