/**
 * connect(): one client action (curl, nc, ping, nslookup) against the simulated cluster. Resolves names
 * like in-cluster DNS (through the DNS proxy when an egress DNS rule applies, learning answers for
 * toFQDNs), picks a Service backend with deps.random, asks the engine for the verdict, answers with
 * the scenario's app, and appends Hubble events.
 */
import {
  agentCache,
  cmpStr,
  dnsServers,
  evaluatePair,
  ipParty,
  type Compiled,
  type Party,
  partyName,
  resolveName,
  type Target,
  type Verdict,
} from "@/lib/engine";
import { type AppSpec } from "./scenario/types";
import { connectionEvents, dnsLookupEvents, type EventCtx } from "./connect-events";
import type { ClientRef, ConnectOutcome, ConnectRequest, ConnectResult, HttpResponse } from "./connect-types";
import { appendFlows, type FlowEvent } from "./flowlog";
import { compiled } from "./store";
import { withChanges } from "./state";
import type { ClusterState } from "./types";

const DEFAULT_TIMEOUT = 5000;

function clientParty(c: Compiled, from: ClientRef): Party | undefined {
  if (from.kind === "node") {
    const n = c.index.nodes.get(from.name);
    return n ? { kind: "host", node: n } : undefined;
  }
  if (from.kind === "external") {
    const e = c.index.externals.get(from.name);
    return e ? { kind: "world", ip: e.ip, external: e } : undefined;
  }
  const p = c.index.pods.get(`${from.namespace}/${from.name}`);
  if (!p) return undefined;
  if (p.hostNetwork) {
    const n = c.index.nodes.get(p.node);
    return n ? { kind: "host", node: n, pod: p } : undefined;
  }
  return { kind: "pod", pod: p };
}

function appAt(state: ClusterState, p: Party, port: number): { app?: AppSpec; listening: boolean } {
  const apps = state.scenario.apps;
  if (p.kind === "world") {
    const app = p.external?.app ? apps.get(p.external.app) : undefined;
    return { app, listening: !!app && app.ports.some((x) => x.port === port) };
  }
  if (p.kind === "host" && !p.pod) {
    const l = p.node.listeners.find((x) => x.port === port);
    return { app: l?.app ? apps.get(l.app) : undefined, listening: !!l };
  }
  const pod = p.kind === "pod" ? p.pod : p.pod;
  const app = pod?.app ? apps.get(pod.app) : undefined;
  const listening = (pod?.ports ?? []).some((x) => x.port === port) || (app?.ports ?? []).some((x) => x.port === port);
  return { app, listening };
}

function httpAnswer(
  app: AppSpec,
  method: string,
  path: string,
  sourceIP: string,
  hostname: string,
): HttpResponse & { latency: number } {
  const route = app.routes.find((r) => r.method === method && r.path === path.split("?")[0]);
  const status = route?.status ?? app.notFound.status;
  const body = (route?.body ?? app.notFound.body)
    .replaceAll("{{sourceIP}}", sourceIP)
    .replaceAll("{{hostname}}", hostname);
  const statusText: Record<number, string> = {
    200: "OK",
    201: "Created",
    204: "No Content",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    500: "Internal Server Error",
    503: "Service Unavailable",
  };
  return {
    status,
    statusText: statusText[status] ?? "",
    headers: {
      "content-type": "text/plain; charset=utf-8",
      "content-length": String(body.length),
      ...(route?.headers ?? {}),
    },
    body,
    latency: app.latencyMs,
  };
}

const ACCESS_DENIED: HttpResponse = {
  status: 403,
  statusText: "Forbidden",
  headers: { "content-length": "15", "content-type": "text/plain", server: "envoy" },
  body: "Access denied\r\n",
};

interface Acc {
  state: ClusterState;
  events: FlowEvent[];
  nextId: number;
  fqdn: Map<string, Map<string, string[]>>;
}

/** Resolve through cluster DNS as the client would; records DNS events and what the proxy learned. */
function lookup(
  acc: Acc,
  c: Compiled,
  client: Party,
  name: string,
  time: number,
  timeoutMs: number,
): { ok: true; ips: readonly string[]; fqdn: string } | { ok: false; outcome: ConnectOutcome } {
  const ns = client.kind === "pod" ? client.pod.namespace : undefined;
  const ans = resolveName(c, name, ns);
  if (client.kind !== "pod") {
    // Nodes and outside machines don't use cluster DNS: only the scenario's public names resolve.
    if (ans.rcode === "NOERROR" && ans.kind === "external") return { ok: true, ips: ans.ips, fqdn: ans.name };
    return { ok: false, outcome: { status: "nxdomain", name, elapsedMs: 3 } };
  }
  const servers = dnsServers(c);
  const server = servers[Math.floor(acc.state.deps.random() * servers.length)];
  if (!server)
    return ans.rcode === "NOERROR"
      ? { ok: true, ips: ans.ips, fqdn: ans.name }
      : { ok: false, outcome: { status: "nxdomain", name, elapsedMs: 2 } };
  const v = evaluatePair(c, {
    src: client,
    dst: server,
    srcPort: 30000 + Math.floor(acc.state.deps.random() * 30000),
    proto: "UDP",
    l7: { dnsQuery: ans.name },
    names: new Map(),
  });
  const proxied = v.steps.some((s) => s.direction === "egress" && s.proxy === "dns");
  const ctx = evCtx(acc, c, time, client, server.party, v, "UDP", 53, timeoutMs, "kube-system/kube-dns");
  if (v.verdict === "dropped") {
    acc.events.push(...connectionEvents(ctx));
    return { ok: false, outcome: { status: "dns-timeout", name, elapsedMs: timeoutMs } };
  }
  if (v.verdict === "denied-l7") {
    acc.events.push(...dnsLookupEvents(ctx, true, ans.name, "REFUSED", []));
    return { ok: false, outcome: { status: "dns-refused", name, elapsedMs: 2 } };
  }
  acc.events.push(
    ...dnsLookupEvents(
      ctx,
      proxied,
      ans.name,
      ans.rcode === "NOERROR" ? "NOERROR" : "NXDOMAIN",
      ans.rcode === "NOERROR" ? ans.ips : [],
    ),
  );
  if (ans.rcode !== "NOERROR") return { ok: false, outcome: { status: "nxdomain", name, elapsedMs: 2 } };
  if (proxied) {
    const node = client.pod.node;
    const per = acc.fqdn.get(node) ?? new Map<string, string[]>();
    for (const ip of ans.ips) per.set(ip, [...new Set([...(per.get(ip) ?? []), ans.name])].sort(cmpStr));
    acc.fqdn.set(node, per);
  }
  return { ok: true, ips: ans.ips, fqdn: ans.name };
}

function evCtx(
  acc: Acc,
  c: Compiled,
  time: number,
  src: Party,
  dst: Party,
  verdict: Verdict,
  proto: "TCP" | "UDP" | "ICMPv4",
  dstPort: number,
  timeoutMs: number,
  service?: string,
): EventCtx {
  return {
    c,
    time,
    nextId: () => ++acc.nextId,
    src,
    dst,
    verdict,
    proto,
    srcPort: proto === "ICMPv4" ? 0 : 30000 + Math.floor(acc.state.deps.random() * 30000),
    dstPort,
    service,
    timeoutMs,
  };
}

function target(acc: Acc, c: Compiled, ip: string, port: number): { t: Target; service?: string } | undefined {
  const o = c.index.ips.get(ip);
  if (o?.kind === "service") {
    const svcPort = o.service.ports.find((p) => p.port === port);
    if (!svcPort) return undefined;
    const backends = c.world.pods
      .filter(
        (p) =>
          o.service.selector &&
          Object.keys(o.service.selector).length > 0 &&
          Object.entries(o.service.selector).every(([k, v]) => p.labels[k] === v) &&
          p.namespace === o.service.namespace,
      )
      .sort((a, b) => cmpStr(a.name, b.name));
    const b = backends[Math.floor(acc.state.deps.random() * backends.length)];
    const eps = o.service.endpoints ?? [];
    if (b) {
      const tp =
        typeof svcPort.targetPort === "number"
          ? svcPort.targetPort
          : (b.ports.find((x) => x.name === svcPort.targetPort)?.port ?? port);
      return {
        t: { party: ipParty(c, b.ip), port: tp, service: o.service },
        service: `${o.service.namespace}/${o.service.name}`,
      };
    }
    const e = eps[Math.floor(acc.state.deps.random() * eps.length)];
    return e
      ? {
          t: { party: ipParty(c, e.ip), port: e.port, service: o.service },
          service: `${o.service.namespace}/${o.service.name}`,
        }
      : undefined;
  }
  return { t: { party: ipParty(c, ip), port } };
}

/**
 * policy-deny-response=icmp answers policy drops on a pod's egress (bpf_lxc: DROP_POLICY / DROP_POLICY_DENY
 * → ICMP destination unreachable); drops on ingress, audited flows and egress-gateway drops stay silent.
 */
function icmpDenyResponse(state: ClusterState, client: Party, v: Verdict): boolean {
  if (state.settings.policyDenyResponse !== "icmp" || client.kind !== "pod") return false;
  const first = v.steps.find((s) => !s.audited && (s.outcome === "denied" || s.outcome === "default-deny"));
  return first?.direction === "egress";
}

export function connect(state: ClusterState, req: ConnectRequest): { state: ClusterState; result: ConnectResult } {
  const c = compiled(state);
  const time = state.deps.clock();
  const timeoutMs = req.timeoutMs ?? DEFAULT_TIMEOUT;
  const acc: Acc = {
    state,
    events: [],
    nextId: state.flows.at(-1)?.id ?? 0,
    fqdn: new Map([...state.fqdnCache].map(([k, v]) => [k, new Map([...v].map(([ip, n]) => [ip, [...n]]))])),
  };
  const finish = (result: ConnectResult): { state: ClusterState; result: ConnectResult } => {
    const next = withChanges(state, {
      flows: appendFlows(state.flows, acc.events),
      fqdnCache: acc.fqdn,
      journal: { op: "connect", request: JSON.parse(JSON.stringify(req)) as ConnectRequest },
    });
    return { state: next, result };
  };
  const client = clientParty(c, req.from);
  if (!client) return { state, result: { outcome: { status: "nxdomain", name: req.host, elapsedMs: 0 } } };
  const isIP = /^\d+\.\d+\.\d+\.\d+$/.test(req.host);
  let ip = req.host;
  let resolved: ConnectResult["resolved"];
  if (!isIP) {
    const r = lookup(acc, c, client, req.host, time, timeoutMs);
    if (!r.ok) return finish({ outcome: r.outcome });
    if (req.kind === "dns")
      return finish({
        outcome: {
          status: "dns-answer",
          name: r.fqdn,
          answers: r.ips,
          server: c.index.services.get("kube-system/kube-dns")?.clusterIP ?? "10.96.0.10",
          elapsedMs: 2,
        },
        resolved: { name: req.host, ip: r.ips[0] ?? "", fqdn: r.fqdn },
      });
    ip = r.ips[0] ?? "";
    resolved = { name: req.host, ip, fqdn: r.fqdn };
  } else if (req.kind === "dns") {
    return finish({ outcome: { status: "nxdomain", name: req.host, elapsedMs: 2 } });
  }
  const port = req.kind === "icmp" ? 0 : req.port;
  const tg = target(acc, c, ip, port);
  if (!tg) return finish({ outcome: { status: "refused", elapsedMs: 1 }, resolved });
  const proto = req.kind === "icmp" ? "ICMP" : req.kind === "udp" ? "UDP" : "TCP";
  // Only the client's own agent's cache counts: other nodes' agents never saw this node's answers.
  const names = agentCache(acc.fqdn, client);
  const http =
    req.kind === "http" && req.http
      ? { method: req.http.method, path: req.http.path, host: req.host, headers: req.http.headers }
      : undefined;
  const verdict = evaluatePair(c, { src: client, dst: tg.t, srcPort: 40000, proto, l7: { http }, names });
  // The connection starts once the lookup (2 ms, see the dns-answer outcome) has been answered.
  const ctx = evCtx(
    acc,
    c,
    resolved ? time + 2 : time,
    client,
    tg.t.party,
    verdict,
    proto === "ICMP" ? "ICMPv4" : proto,
    tg.t.port,
    timeoutMs,
    tg.service,
  );
  const backend = {
    name: partyName(tg.t.party),
    ip: tg.t.party.kind === "pod" ? tg.t.party.pod.ip : tg.t.party.kind === "host" ? tg.t.party.node.ip : tg.t.party.ip,
    port: tg.t.port,
  };
  const base = { resolved, verdict, backend, sourceIP: verdict.snatIP };
  if (verdict.verdict === "dropped") {
    if (icmpDenyResponse(state, client, verdict)) {
      // One packet, one ICMP error: the client gives up at once, so there are no retransmissions to drop.
      acc.events.push(...connectionEvents({ ...ctx, timeoutMs: 0 }));
      return finish({ ...base, outcome: { status: "unreachable", from: backend.ip, elapsedMs: 0 } });
    }
    acc.events.push(...connectionEvents(ctx));
    return finish({ ...base, outcome: { status: "timeout", elapsedMs: timeoutMs } });
  }
  if (proto === "ICMP") {
    acc.events.push(...connectionEvents(ctx));
    return finish({ ...base, outcome: { status: "icmp-reply", elapsedMs: 1 } });
  }
  const { app, listening } = appAt(state, tg.t.party, tg.t.port);
  if (!listening && verdict.verdict !== "denied-l7") {
    acc.events.push(...connectionEvents(ctx));
    return finish({ ...base, outcome: { status: "refused", elapsedMs: 1 } });
  }
  const url = http ? `${req.http?.scheme ?? "http"}://${resolved?.fqdn ?? req.host}${http.path}` : "";
  if (http && verdict.verdict === "denied-l7") {
    acc.events.push(...connectionEvents(ctx, { method: http.method, url, latencyMs: 0 }));
    return finish({
      ...base,
      outcome: {
        status: "http",
        response: { ...ACCESS_DENIED, headers: { ...ACCESS_DENIED.headers, date: new Date(time).toUTCString() } },
        deniedByProxy: true,
        elapsedMs: 2,
      },
    });
  }
  if (http && app?.http) {
    const a = httpAnswer(
      app,
      http.method,
      http.path,
      verdict.snatIP ?? "",
      tg.t.party.kind === "pod"
        ? tg.t.party.pod.name
        : tg.t.party.kind === "host"
          ? tg.t.party.node.name
          : (tg.t.party.external?.name ?? ""),
    );
    acc.events.push(...connectionEvents(ctx, { method: http.method, url, code: a.status, latencyMs: a.latency }));
    const { latency, ...response } = a;
    return finish({ ...base, outcome: { status: "http", response, deniedByProxy: false, elapsedMs: 2 + latency } });
  }
  acc.events.push(...connectionEvents(ctx));
  return finish({ ...base, outcome: { status: "connected", elapsedMs: 1 } });
}
