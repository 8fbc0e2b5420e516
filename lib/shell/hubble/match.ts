/**
 * The server side of hubble observe's filters (cilium pkg/hubble/filters BuildFilter): one FlowFilter is
 * the AND of its fields, several values of one field are ORed. Bad values (an IP, a port, a label
 * selector…) are reported as the server reports them.
 */
import type { FlowEvent } from "../cluster/api";
import {
  indexLabels,
  parseIPv4,
  parsePrefix,
  parseSelectorString,
  selectorMatches,
  type Label,
  type Selector,
} from "@/lib/engine";
import type { FlowFilter, FlowPredicate } from "./filters";

type Record_ = FlowEvent["source"];
/** monitorAPI message types of the lab's events. */
const EVENT_CODE: Readonly<Record<FlowEvent["event"]["type"], number>> = {
  drop: 1,
  trace: 4,
  l7: 5,
  "policy-verdict": 9,
};

/** `ns/prefix` (ns may be empty: any namespace), `prefix` (namespace default). */
function namePredicate(
  names: readonly string[],
  get: (r: Record_) => [string, string],
): ((r: Record_) => boolean) | string {
  const parsed: { ns: string; prefix: string }[] = [];
  for (const n of names) {
    if (n === "") return "invalid empty pod or service filter";
    parsed.push(
      n.includes("/")
        ? { ns: n.slice(0, n.indexOf("/")), prefix: n.slice(n.indexOf("/") + 1) }
        : { ns: "default", prefix: n },
    );
  }
  return (r) => {
    const [ns, name] = get(r);
    if (ns === "" && name === "") return false;
    return parsed.some((p) => (p.ns === "" || p.ns === ns) && name.startsWith(p.prefix));
  };
}

function ipPredicate(ips: readonly string[]): ((ip: string) => boolean) | string {
  const exact: string[] = [];
  const cidrs: { base: number; bits: number }[] = [];
  for (const ip of ips) {
    if (ip.includes("/")) {
      const p = parsePrefix(ip);
      if (!p.ok) return `invalid CIDR in filter: ${JSON.stringify(ip)}`;
      if (p.prefix.family === 4) cidrs.push({ base: p.prefix.base, bits: p.prefix.bits });
    } else {
      if (parseIPv4(ip) === undefined && !/^[0-9a-fA-F:]+$/.test(ip))
        return `invalid IP address in filter: ${JSON.stringify(ip)}`;
      exact.push(ip);
    }
  }
  return (ip) => {
    if (ip === "") return false;
    if (exact.includes(ip)) return true;
    const n = parseIPv4(ip);
    return n !== undefined && cidrs.some((c) => c.bits === 0 || n >>> (32 - c.bits) === c.base >>> (32 - c.bits));
  };
}

/** Cilium source prefixes a hubble label selector may name (`k8s:app=x`, `reserved:world`). */
const SOURCES = [
  "k8s",
  "reserved",
  "cidr",
  "any",
  "unspec",
  "container",
  "fqdn",
  "cilium-generated",
  "kvstore",
  "node",
  "cilium",
];

/**
 * parseSelector: a Kubernetes label selector whose keys may carry a Cilium `source:` prefix (`k8s:app=x`,
 * `reserved:world`); keys without one match a label of any source (LabelArray.Has with source `any`).
 */
function labelSelector(text: string): Selector | string {
  const MARK = "-src-";
  const translated = text.replace(/(^|[\s,(!])([a-z][a-z0-9-]*):(?=[A-Za-z0-9])/g, (m, pre: string, src: string) =>
    SOURCES.includes(src) ? `${pre}${src}${MARK}` : m,
  );
  const p = parseSelectorString(translated);
  if (!p.ok) return p.error;
  const requirements = p.selector.requirements.map((r) => {
    const i = r.key.indexOf(MARK);
    return i > 0 && SOURCES.includes(r.key.slice(0, i))
      ? { ...r, source: r.key.slice(0, i), key: r.key.slice(i + MARK.length) }
      : { ...r, source: "any" };
  });
  return { ...p.selector, requirements };
}

function recordLabels(r: Record_): ReturnType<typeof indexLabels> {
  const ls: Label[] = r.labels.map((l) => {
    const colon = l.indexOf(":");
    const rest = l.slice(colon + 1);
    const eq = rest.indexOf("=");
    return {
      source: l.slice(0, colon),
      key: eq < 0 ? rest : rest.slice(0, eq),
      value: eq < 0 ? "" : rest.slice(eq + 1),
    };
  });
  return indexLabels(ls);
}

function fqdnPattern(p: string): RegExp | string {
  const pattern = p.toLowerCase().trim().replace(/\.$/, "");
  if (!/^[-a-zA-Z0-9_.*]+$/.test(pattern))
    return `invalid FQDN in filter: only alphanumeric ASCII characters, the hyphen "-", "." and "*" are allowed: ${pattern}`;
  return new RegExp(`^${pattern.replace(/\./g, "[.]").replace(/\*/g, "[-a-zA-Z0-9_.]*")}$`);
}

function httpOf(f: FlowEvent): { method: string; url: string; code?: number } | undefined {
  if (f.event.type !== "l7") return undefined;
  const l7 = f.event.l7;
  return l7.kind === "http-request" || l7.kind === "http-response" ? l7 : undefined;
}

const pathOf = (url: string): string => url.replace(/^[a-z]+:\/\/[^/]*/, "").replace(/[?#].*$/, "") || "/";

function protocolPredicate(list: readonly string[]): FlowPredicate | string {
  for (const p of list)
    if (!["icmp", "icmpv4", "icmpv6", "tcp", "udp", "sctp", "dns", "http", "kafka"].includes(p.toLowerCase()))
      return `invalid protocol filter: unknown protocol: ${JSON.stringify(p)}`;
  return (f) =>
    list.some((raw) => {
      const p = raw.toLowerCase();
      // L7 records from the proxy carry their L4 part too, so `tcp` also matches http events.
      if (p === "icmp" || p === "icmpv4") return f.l4.protocol === "ICMPv4";
      if (p === "tcp" || p === "udp" || p === "sctp") return f.l4.protocol.toLowerCase() === p;
      if (p === "http") return httpOf(f) !== undefined;
      if (p === "dns")
        return f.event.type === "l7" && (f.event.l7.kind === "dns-request" || f.event.l7.kind === "dns-response");
      return false;
    });
}

function portPredicate(
  ports: readonly string[],
  which: "source" | "destination",
  label: string,
): FlowPredicate | string {
  for (const p of ports)
    if (!/^\d+$/.test(p) || Number(p) > 65535)
      return `invalid ${label} port filter: invalid port ${JSON.stringify(p)}: strconv.ParseUint: parsing ${JSON.stringify(p)}: ${/^\d+$/.test(p) ? "value out of range" : "invalid syntax"}`;
  return (f) =>
    f.l4.protocol !== "ICMPv4" && f[which].port !== undefined && ports.some((p) => Number(p) === f[which].port);
}

/** BuildFilter: one FlowFilter → the AND of its fields. */
function compileOne(ff: FlowFilter): FlowPredicate | string {
  const preds: FlowPredicate[] = [];
  const push = (p: FlowPredicate | string): string | undefined =>
    typeof p === "string" ? p : (preds.push(p), undefined);
  let err: string | undefined;
  const types = ff.eventType;
  if (types)
    preds.push((f) =>
      types.some(
        (t) =>
          EVENT_CODE[f.event.type] === t.type &&
          (t.subtype === undefined || (f.event.type === "trace" && f.event.observationPoint === t.subtype)),
      ),
    );
  for (const [key, which] of [
    ["sourceIp", "source"],
    ["destinationIp", "destination"],
  ] as const) {
    const v = ff[key];
    if (!v) continue;
    const p = ipPredicate(v);
    if (typeof p === "string") return p;
    preds.push((f) => p(f[which].ip));
  }
  for (const [key, which] of [
    ["sourcePod", "source"],
    ["destinationPod", "destination"],
  ] as const) {
    const v = ff[key];
    if (!v) continue;
    const p = namePredicate(v, (r) => [r.namespace ?? "", r.pod ?? ""]);
    if (typeof p === "string") return p;
    preds.push((f) => p(f[which]));
  }
  for (const [key, which] of [
    ["sourceFqdn", "source"],
    ["destinationFqdn", "destination"],
  ] as const) {
    const v = ff[key];
    if (!v) continue;
    const res = v.map(fqdnPattern);
    const bad = res.find((r): r is string => typeof r === "string");
    if (bad) return bad;
    preds.push((f) => f[which].names.some((n) => (res as RegExp[]).some((re) => re.test(n.replace(/\.$/, "")))));
  }
  if (ff.verdict) {
    const v = ff.verdict;
    preds.push((f) => v.includes(f.verdict));
  }
  if (ff.httpStatusCode) {
    if (types && !types.every((t) => t.type === 5))
      return "filtering by http status code requires the event type filter to only match 'l7' events";
    const full: string[] = [];
    const prefix: string[] = [];
    for (const s of ff.httpStatusCode) {
      if (/[1-5][0-9]{2}/.test(s)) full.push(s);
      else if (/^([1-5][0-9]?\+)$/.test(s)) prefix.push(s.slice(0, -1));
      else return `invalid http status code filter: invalid status code prefix: ${JSON.stringify(s)}`;
    }
    preds.push((f) => {
      const code = httpOf(f)?.code;
      if (code === undefined || code === 0) return false;
      const c = String(code).padStart(3, "0");
      return full.includes(c) || prefix.some((p) => c.startsWith(p));
    });
  }
  for (const [key, which, label] of [
    ["sourceLabel", "source", "source"],
    ["destinationLabel", "destination", "destination"],
  ] as const) {
    const v = ff[key];
    if (!v) continue;
    const sels = v.map(labelSelector);
    const bad = sels.find((s): s is string => typeof s === "string");
    if (bad) return `invalid ${label} label filter: ${bad}`;
    preds.push((f) => {
      const idx = recordLabels(f[which]);
      return (sels as Selector[]).some((s) => selectorMatches(s, idx));
    });
  }
  for (const [key, which, label] of [
    ["sourceService", "source", "source"],
    ["destinationService", "destination", "destination"],
  ] as const) {
    const v = ff[key];
    if (!v) continue;
    const p = namePredicate(v, (r) =>
      r.service ? [r.service.slice(0, r.service.indexOf("/")), r.service.slice(r.service.indexOf("/") + 1)] : ["", ""],
    );
    if (typeof p === "string") return `invalid ${label} service filter: ${p}`;
    preds.push((f) => p(f[which]));
  }
  if (ff.protocol && (err = push(protocolPredicate(ff.protocol)))) return err;
  if (ff.sourcePort && (err = push(portPredicate(ff.sourcePort, "source", "source")))) return err;
  if (ff.destinationPort && (err = push(portPredicate(ff.destinationPort, "destination", "destination")))) return err;
  if (ff.sourceIdentity) {
    const ids = ff.sourceIdentity;
    preds.push((f) => ids.includes(f.source.identity));
  }
  if (ff.destinationIdentity) {
    const ids = ff.destinationIdentity;
    preds.push((f) => ids.includes(f.destination.identity));
  }
  if (ff.httpMethod) {
    const ms = ff.httpMethod;
    preds.push((f) => {
      const h = httpOf(f);
      return h !== undefined && h.method !== "" && ms.some((m) => m.toLowerCase() === h.method.toLowerCase());
    });
  }
  for (const [key, get] of [
    ["httpPath", (h: { url: string }) => pathOf(h.url)],
    ["httpUrl", (h: { url: string }) => h.url],
  ] as const) {
    const v = ff[key];
    if (!v) continue;
    const res: RegExp[] = [];
    for (const s of v) {
      try {
        res.push(new RegExp(s));
      } catch (e) {
        return `invalid HTTP ${key === "httpPath" ? "path" : "URL"} filter: ${s}: ${(e as Error).message}`;
      }
    }
    preds.push((f) => {
      const h = httpOf(f);
      return h !== undefined && res.some((re) => re.test(get(h)));
    });
  }
  if (ff.nodeName) {
    const res = ff.nodeName.map(
      (n) =>
        new RegExp(
          `^${(n.includes("/") ? n.slice(n.indexOf("/") + 1) : n).replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`,
        ),
    );
    preds.push((f) => res.some((re) => re.test(f.node)));
  }
  if (ff.trafficDirection) {
    const d = ff.trafficDirection;
    preds.push((f) => d.includes(f.trafficDirection));
  }
  if (ff.tcpFlags) {
    const sets = ff.tcpFlags;
    preds.push(
      (f) => f.l4.protocol === "TCP" && sets.some((s) => s.every((x) => (f.l4.flags ?? []).includes(x as "SYN"))),
    );
  }
  return (f) => preds.every((p) => p(f));
}

/** BuildFilterList: each FlowFilter → one predicate; the first bad value → its error text. */
export function compile(list: readonly FlowFilter[]): FlowPredicate[] | string {
  const out: FlowPredicate[] = [];
  for (const ff of list) {
    const p = compileOne(ff);
    if (typeof p === "string") return p;
    out.push(p);
  }
  return out;
}
