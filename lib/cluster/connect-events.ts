/** Hubble events for one simulated connection (CLI-FORMATS.md §11 shapes). */
import type { Compiled, DirectionResult, EndpointSummary, Party, Verdict } from "@/lib/engine";
import { allowLogs, DEFAULT_DROP_EVENT_REASONS, partyNode } from "@/lib/engine";
import type { FlowEndpointRecord, FlowEvent, FlowEventKind, L7Record } from "./flowlog";

type Proto = FlowEvent["l4"]["protocol"];

export interface EventCtx {
  readonly c: Compiled;
  readonly time: number;
  readonly nextId: () => number;
  readonly src: Party;
  readonly dst: Party;
  readonly verdict: Verdict;
  readonly proto: Proto;
  readonly srcPort: number;
  readonly dstPort: number;
  readonly service?: string;
  readonly timeoutMs: number;
}

function record(c: Compiled, s: EndpointSummary, p: Party, port: number, service?: string): FlowEndpointRecord {
  const pod = p.kind === "pod" ? p.pod : p.kind === "host" ? p.pod : undefined;
  const names = p.kind === "world" && p.external ? [...p.external.hostnames] : [];
  return {
    ip: s.ip,
    port,
    ...(pod ? { namespace: pod.namespace, pod: pod.name, ...(pod.owner ? { workload: pod.owner.name } : {}) } : {}),
    identity: s.identity,
    ...(s.reserved ? { reserved: s.reserved } : {}),
    labels: s.labels,
    ...(partyNode(c, p) ? { node: partyNode(c, p)?.name } : {}),
    names,
    ...(service ? { service } : {}),
  };
}

/** What Hubble's policy correlation attaches to an event: the policies and their rules' `log.value`. */
interface Attribution {
  readonly names: readonly string[];
  readonly logs: readonly string[];
}
const NO_ATTRIBUTION: Attribution = { names: [], logs: [] };

/**
 * Per direction, sorted and unique. A default-deny drop names no policy: Hubble cannot attribute it (no rule
 * matched; cilium/cilium#48588 is still open in 1.20). The log values are those of the rules that allowed.
 */
function att(...rs: (DirectionResult | undefined)[]): Attribution {
  const names: string[] = [];
  for (const r of rs) {
    const refs = (r?.matched ?? []).filter((m) => m.effect !== "default-deny");
    names.push(...[...new Set(refs.map((m) => m.policy))].sort());
  }
  return { names, logs: allowLogs(rs.filter((r): r is DirectionResult => r !== undefined)) };
}

/** The event's attribution fields: policy_log only on forwarded flows. */
function attributed(a: Attribution, verdict: FlowEvent["verdict"]): Pick<FlowEvent, "policies" | "policyLog"> {
  return {
    policies: a.names,
    ...(a.logs.length > 0 && (verdict === "FORWARDED" || verdict === "REDIRECTED") ? { policyLog: a.logs } : {}),
  };
}

/** Events for a TCP/UDP/ICMP attempt (and its L7 exchange when `http` is given). */
export function connectionEvents(
  ctx: EventCtx,
  http?: { method: string; url: string; code?: number; latencyMs: number },
): FlowEvent[] {
  const { c, verdict: v } = ctx;
  const srcRec = record(c, v.source, ctx.src, ctx.srcPort);
  const dstRec = record(c, v.destination, ctx.dst, ctx.dstPort, ctx.service);
  const srcNode = partyNode(c, ctx.src)?.name ?? partyNode(c, ctx.dst)?.name ?? "";
  const dstNode = partyNode(c, ctx.dst)?.name ?? srcNode;
  const out: FlowEvent[] = [];
  const ev = (
    dt: number,
    node: string,
    event: FlowEventKind,
    verdict: FlowEvent["verdict"],
    flags: FlowEvent["l4"]["flags"],
    isReply: boolean,
    dir: FlowEvent["trafficDirection"],
    pols: Attribution,
  ): void => {
    const l4: FlowEvent["l4"] =
      ctx.proto === "TCP"
        ? { protocol: "TCP", flags }
        : ctx.proto === "ICMPv4"
          ? { protocol: "ICMPv4", icmpType: isReply ? "EchoReply" : "EchoRequest" }
          : { protocol: ctx.proto };
    out.push({
      id: ctx.nextId(),
      time: ctx.time + dt,
      node,
      source: isReply ? dstRec : srcRec,
      destination: isReply ? srcRec : dstRec,
      event,
      verdict,
      l4,
      isReply,
      trafficDirection: dir,
      ...attributed(pols, verdict),
    });
  };
  const eg = v.steps.find((s) => s.direction === "egress");
  const ing = v.steps.find((s) => s.direction === "ingress");
  const syn: FlowEvent["l4"]["flags"] = ["SYN"];
  const pv = (r: DirectionResult | undefined, node: string, dt: number): void => {
    if (!r || !r.enforced || r.outcome === "localhost") return;
    // Audit mode: the would-be drop is reported as AUDIT (hubble prints AUDITED) and the packet goes on.
    const allowed = r.audited === true || (r.outcome !== "denied" && r.outcome !== "default-deny");
    ev(
      dt,
      node,
      {
        type: "policy-verdict",
        matchType: r.matchType,
        direction: r.direction === "ingress" ? "INGRESS" : "EGRESS",
        allowed,
      },
      r.audited ? "AUDIT" : allowed ? "FORWARDED" : "DROPPED",
      syn,
      false,
      r.direction === "ingress" ? "INGRESS" : "EGRESS",
      att(r),
    );
  };
  if (v.verdict === "dropped") {
    const blocked = (r: DirectionResult | undefined) =>
      r !== undefined && (r.outcome === "denied" || r.outcome === "default-deny");
    // Neither direction blocked: the egress gateway dropped it (no gateway node / no egress IP).
    const failed = blocked(ing) ? ing : blocked(eg) ? eg : undefined;
    const node = failed && failed === ing ? dstNode : srcNode;
    const dir: FlowEvent["trafficDirection"] = failed?.direction === "ingress" ? "INGRESS" : "EGRESS";
    const reason =
      failed?.outcome === "denied" ? "Policy denied by denylist" : failed ? "Policy denied" : "No egress gateway found";
    for (const dt of [0, 1000, 3000, 7000]) {
      if (dt > ctx.timeoutMs && dt > 0) break;
      if (failed === ing && eg) pv(eg, srcNode, dt);
      if (!failed && eg) pv(eg, srcNode, dt);
      pv(failed, node, dt);
      ev(dt, node, { type: "drop", dropReason: reason }, "DROPPED", syn, false, dir, att(failed));
      // The emitter handles the drop reasons in hubble-drop-events-reasons (by default policy_denied, not the
      // policy_deny of a deny rule), for a pod on the dropping side.
      const podSide = dir === "INGRESS" ? ctx.dst.kind === "pod" : ctx.src.kind === "pod";
      const name =
        reason === "Policy denied"
          ? "policy_denied"
          : reason === "Policy denied by denylist"
            ? "policy_deny"
            : "no_egress_gateway";
      const reasons = (c.world.settings.hubbleDropEventsReasons ?? DEFAULT_DROP_EVENT_REASONS).split(" ");
      if (c.world.settings.hubbleDropEvents === true && reasons.includes(name) && podSide)
        out[out.length - 1] = { ...(out[out.length - 1] as FlowEvent), dropEvent: name };
    }
    return out;
  }
  pv(eg, srcNode, 0);
  pv(ing, dstNode, 0);
  const proxied = v.steps.some((s) => s.proxy === "http");
  const point = ctx.dst.kind === "world" ? "to-stack" : proxied ? "to-proxy" : "to-endpoint";
  const node = ctx.dst.kind === "world" ? srcNode : dstNode;
  const dir: FlowEvent["trafficDirection"] = ctx.dst.kind === "world" ? "EGRESS" : "INGRESS";
  const fwd = (dt: number, flags: FlowEvent["l4"]["flags"], reply: boolean) =>
    ev(
      dt,
      node,
      { type: "trace", observationPoint: point },
      "FORWARDED",
      flags,
      reply,
      dir,
      reply ? NO_ATTRIBUTION : att(eg, ing),
    );
  fwd(0, syn, false);
  if (ctx.proto !== "TCP") {
    if (ctx.proto === "ICMPv4") fwd(1, undefined, true);
    return out;
  }
  fwd(1, ["SYN", "ACK"], true);
  fwd(1, ["ACK"], false);
  if (http) {
    const l7 = (r: L7Record, verdict: FlowEvent["verdict"], dt: number, reply: boolean) =>
      ev(dt, node, { type: "l7", l7: r }, verdict, undefined, reply, dir, att(eg, ing));
    if (proxied || v.verdict === "denied-l7") {
      l7(
        { kind: "http-request", method: http.method, url: http.url, protocol: "HTTP/1.1" },
        v.verdict === "denied-l7" ? "DROPPED" : "FORWARDED",
        2,
        false,
      );
      if (v.verdict !== "denied-l7")
        l7(
          {
            kind: "http-response",
            method: http.method,
            url: http.url,
            protocol: "HTTP/1.1",
            code: http.code ?? 200,
            latencyMs: http.latencyMs,
          },
          "FORWARDED",
          2 + http.latencyMs,
          true,
        );
    }
    fwd(2, ["ACK", "PSH"], false);
    fwd(3 + http.latencyMs, ["ACK", "PSH"], true);
    fwd(4 + http.latencyMs, ["ACK", "FIN"], false);
    fwd(4 + http.latencyMs, ["ACK", "FIN"], true);
  } else {
    fwd(2, ["ACK", "FIN"], false);
    fwd(2, ["ACK", "FIN"], true);
  }
  return out;
}

/**
 * A lookup through kube-dns (UDP/53) that was not dropped. The datagram and its answer are traced like any
 * other flow (policy verdicts where enforced, `to-endpoint FORWARDED (UDP)` both ways); only when a DNS rule
 * on the client's egress redirects it to the DNS proxy does it go `to-proxy` and produce the L7
 * `dns-request` / `dns-response` records that `--protocol dns` matches (Documentation/observability/
 * visibility.rst: DNS visibility needs a DNS rule). A refused query is answered by the proxy itself.
 */
export function dnsLookupEvents(
  ctx: EventCtx,
  proxied: boolean,
  query: string,
  rcode: "NOERROR" | "NXDOMAIN" | "REFUSED",
  answers: readonly string[],
): FlowEvent[] {
  const { c, verdict: v } = ctx;
  const srcRec = record(c, v.source, ctx.src, ctx.srcPort);
  const dstRec = record(c, v.destination, ctx.dst, 53, "kube-system/kube-dns");
  const srcNode = partyNode(c, ctx.src)?.name ?? "";
  const dstNode = partyNode(c, ctx.dst)?.name ?? srcNode;
  const eg = v.steps.find((s) => s.direction === "egress");
  const ing = v.steps.find((s) => s.direction === "ingress");
  const out: FlowEvent[] = [];
  const ev = (
    dt: number,
    node: string,
    event: FlowEventKind,
    verdict: FlowEvent["verdict"],
    reply: boolean,
    dir: FlowEvent["trafficDirection"],
    pols: Attribution,
  ): void => {
    out.push({
      id: ctx.nextId(),
      time: ctx.time + dt,
      node,
      source: reply ? dstRec : srcRec,
      destination: reply ? srcRec : dstRec,
      event,
      verdict,
      l4: { protocol: "UDP" },
      isReply: reply,
      trafficDirection: dir,
      ...attributed(pols, verdict),
    });
  };
  const pv = (r: DirectionResult | undefined, node: string): void => {
    if (!r || !r.enforced || r.outcome === "localhost") return;
    ev(
      0,
      node,
      {
        type: "policy-verdict",
        matchType: r.matchType,
        direction: r.direction === "ingress" ? "INGRESS" : "EGRESS",
        allowed: true,
      },
      "FORWARDED",
      false,
      r.direction === "ingress" ? "INGRESS" : "EGRESS",
      att(r),
    );
  };
  const pols = att(eg, ing);
  pv(eg, srcNode);
  const fq = query.endsWith(".") ? query : `${query}.`;
  if (proxied) {
    ev(0, srcNode, { type: "trace", observationPoint: "to-proxy" }, "FORWARDED", false, "EGRESS", pols);
    ev(
      0,
      srcNode,
      { type: "l7", l7: { kind: "dns-request", query: fq, qtype: "A" } },
      rcode === "REFUSED" ? "DROPPED" : "FORWARDED",
      false,
      "EGRESS",
      att(eg),
    );
    if (rcode !== "REFUSED") {
      // the proxy forwards the query to the server, as the pod
      pv(ing, dstNode);
      ev(0, dstNode, { type: "trace", observationPoint: "to-endpoint" }, "FORWARDED", false, "INGRESS", pols);
    }
    ev(
      1,
      srcNode,
      { type: "l7", l7: { kind: "dns-response", query: fq, qtype: "A", rcode, answers, ttl: 30 } },
      "FORWARDED",
      true,
      "EGRESS",
      att(eg),
    );
  } else {
    pv(ing, dstNode);
    ev(0, dstNode, { type: "trace", observationPoint: "to-endpoint" }, "FORWARDED", false, "INGRESS", pols);
  }
  ev(1, srcNode, { type: "trace", observationPoint: "to-endpoint" }, "FORWARDED", true, "EGRESS", NO_ATTRIBUTION);
  return out;
}
