/**
 * hubble observe's flow filters, as the CLI builds them and the server applies them.
 *
 * CLI (hubble cmd/observe/flows_filter.go): every filter flag is set in command-line order on a tracker
 * with two FlowFilters, `left OR right`. Flags on "either side" (--pod, --ip, --label, --identity,
 * --port, --fqdn, --service) put the source field in `left` and the destination field in `right`;
 * every other flag goes into both. The namespace flags are applied last to the pod (or service) filters:
 * -n into left's source and right's destination, --from-/--to-namespace into both. `--not` sends the next
 * flag to a second tracker, the denylist. Some flags cannot be combined (conflict groups).
 *
 * Server (cilium pkg/hubble/filters, match.ts): a flow is shown when it matches any allowlist FlowFilter
 * (all of its fields; several values of one field are ORed) and no denylist FlowFilter.
 */
import type { FlowEvent } from "../cluster/api";
import { compile } from "./match";

/** The flowpb.FlowFilter fields the lab fills. */
export interface FlowFilter {
  sourcePod?: string[];
  destinationPod?: string[];
  sourceIp?: string[];
  destinationIp?: string[];
  sourceLabel?: string[];
  destinationLabel?: string[];
  sourceIdentity?: number[];
  destinationIdentity?: number[];
  sourcePort?: string[];
  destinationPort?: string[];
  sourceFqdn?: string[];
  destinationFqdn?: string[];
  sourceService?: string[];
  destinationService?: string[];
  verdict?: string[];
  eventType?: { type: number; subtype?: string }[];
  protocol?: string[];
  httpStatusCode?: string[];
  httpMethod?: string[];
  httpPath?: string[];
  httpUrl?: string[];
  nodeName?: string[];
  trafficDirection?: string[];
  tcpFlags?: string[][];
}
type ListKey = keyof FlowFilter;

interface Tracker {
  left?: FlowFilter;
  right?: FlowFilter;
  ns: string[];
  srcNs: string[];
  dstNs: string[];
  changed: string[];
}

export const VERDICTS = ["FORWARDED", "DROPPED", "AUDIT", "REDIRECTED", "ERROR", "TRACED", "TRANSLATED"];
/** monitorAPI.MessageTypeNames. */
const TYPE_CODES: Readonly<Record<string, number>> = {
  drop: 1,
  debug: 2,
  capture: 3,
  trace: 4,
  l7: 5,
  agent: 6,
  "policy-verdict": 9,
  recorder: 10,
  "trace-sock": 11,
};
const TRACE_POINTS = [
  "to-endpoint",
  "to-proxy",
  "to-host",
  "to-stack",
  "to-overlay",
  "to-network",
  "to-crypto",
  "from-endpoint",
  "from-proxy",
  "from-host",
  "from-stack",
  "from-overlay",
  "from-network",
  "from-crypto",
];
/** identity.GetAllReservedIdentities, by number. */
export const RESERVED_IDENTITIES: readonly string[] = [
  "host",
  "world",
  "unmanaged",
  "health",
  "init",
  "remote-node",
  "kube-apiserver",
  "ingress",
  "world-ipv4",
  "world-ipv6",
];

/** newFlowFilter conflicts (flags in one group cannot be combined). */
const CONFLICTS: readonly (readonly string[])[] = [
  ["from-fqdn", "from-ip", "ip", "fqdn", "from-namespace", "namespace", "from-all-namespaces", "all-namespaces"],
  ["from-fqdn", "from-ip", "ip", "fqdn", "from-pod", "pod"],
  ["to-fqdn", "to-ip", "ip", "fqdn", "to-namespace", "namespace", "to-all-namespaces", "all-namespaces"],
  ["to-fqdn", "to-ip", "ip", "fqdn", "to-pod", "pod"],
  ["to-pod", "namespace", "all-namespaces"],
  ["from-pod", "namespace", "all-namespaces"],
  ["to-service", "namespace", "all-namespaces"],
  ["from-service", "namespace", "all-namespaces"],
  ["label", "from-label"],
  ["label", "to-label"],
  ["service", "from-service"],
  ["service", "to-service"],
  ["verdict"],
  ["type"],
  ["http-status"],
  ["http-method"],
  ["http-path"],
  ["http-url"],
  ["protocol"],
  ["port", "to-port"],
  ["port", "from-port"],
  ["identity", "to-identity"],
  ["identity", "from-identity"],
  ["node-name"],
  ["tcp-flags"],
  ["traffic-direction"],
];

/** Flags that feed the filter (pflag Values: not split on commas). */
export const FILTER_FLAGS = new Set([
  "not",
  "verdict",
  "pod",
  "from-pod",
  "to-pod",
  "namespace",
  "from-namespace",
  "to-namespace",
  "all-namespaces",
  "from-all-namespaces",
  "to-all-namespaces",
  "ip",
  "from-ip",
  "to-ip",
  "label",
  "from-label",
  "to-label",
  "identity",
  "from-identity",
  "to-identity",
  "port",
  "from-port",
  "to-port",
  "fqdn",
  "from-fqdn",
  "to-fqdn",
  "service",
  "from-service",
  "to-service",
  "protocol",
  "type",
  "http-status",
  "http-method",
  "http-path",
  "http-url",
  "node-name",
  "traffic-direction",
  "tcp-flags",
]);

function add(ff: FlowFilter, key: ListKey, value: unknown): void {
  const list = (ff[key] ?? []) as unknown[];
  list.push(value);
  (ff as Record<string, unknown>)[key] = list;
}

const namespaceOf = (name: string): string => (name.includes("/") ? name.slice(0, name.indexOf("/")) : "");

function conflictsIn(nsList: readonly string[], names: readonly string[] | undefined): string | undefined {
  for (const ns of nsList)
    for (const n of names ?? [])
      if (namespaceOf(n) !== "" && namespaceOf(n) !== ns)
        return `namespace conflict: ${JSON.stringify(ns)} does not contain ${JSON.stringify(n)}`;
  return undefined;
}

function parseIdentity(v: string): number | undefined {
  const r = RESERVED_IDENTITIES.indexOf(v);
  if (r >= 0) return r + 1;
  return /^\d+$/.test(v) && Number(v) <= 0xffffffff ? Number(v) : undefined;
}

const TCP_FLAGS = ["SYN", "FIN", "RST", "PSH", "ACK", "URG", "ECE", "CWR", "NS"];

/** One flag on a tracker (flows_filter.go `set`); returns pflag's error text for a bad value. */
function set(t: Tracker, name: string, val: string): string | undefined {
  if (!t.changed.includes(name)) t.changed.push(name);
  for (const group of CONFLICTS) {
    for (const f of group) {
      if (!t.changed.includes(f)) continue;
      const other = group.find((c) => c !== f && t.changed.includes(c));
      if (other) return `filters --${f} and --${other} cannot be combined`;
    }
  }
  const both = (key: ListKey, v: unknown): void => {
    add((t.left ??= {}), key, v);
    add((t.right ??= {}), key, v);
  };
  const sides = (src: ListKey, dst: ListKey, v: unknown): void => {
    add((t.left ??= {}), src, v);
    add((t.right ??= {}), dst, v);
  };
  const side = name.startsWith("from-") ? "from" : name.startsWith("to-") ? "to" : "either";
  const base = side === "either" ? name : name.slice(side === "from" ? 5 : 3);
  const pair: Readonly<Record<string, [ListKey, ListKey]>> = {
    pod: ["sourcePod", "destinationPod"],
    ip: ["sourceIp", "destinationIp"],
    label: ["sourceLabel", "destinationLabel"],
    identity: ["sourceIdentity", "destinationIdentity"],
    port: ["sourcePort", "destinationPort"],
    fqdn: ["sourceFqdn", "destinationFqdn"],
    service: ["sourceService", "destinationService"],
  };
  const keys = pair[base];
  if (keys) {
    let v: unknown = val;
    if (base === "identity") {
      v = parseIdentity(val);
      if (v === undefined)
        return `invalid security identity, expected one of [${RESERVED_IDENTITIES.join(" ")}] or a numeric value`;
    }
    if (side === "either") sides(keys[0], keys[1], v);
    else both(side === "from" ? keys[0] : keys[1], v);
  } else {
    switch (name) {
      case "namespace":
        t.ns.push(val);
        break;
      case "from-namespace":
        t.srcNs.push(val);
        break;
      case "to-namespace":
        t.dstNs.push(val);
        break;
      case "all-namespaces":
        t.ns.push("");
        break;
      case "from-all-namespaces":
        t.srcNs.push("");
        break;
      case "to-all-namespaces":
        t.dstNs.push("");
        break;
      case "verdict":
        if (!VERDICTS.includes(val)) return `invalid --verdict value: ${val}`;
        both("verdict", val);
        break;
      case "type": {
        const [typ = "", sub] = val.split(/:(.*)/s);
        const code = TYPE_CODES[typ] ?? (/^\d+$/.test(typ) ? Number(typ) : undefined);
        if (code === undefined)
          return `unable to parse type '${typ}', not a known type name and unable to parse as numeric value: strconv.ParseUint: parsing ${JSON.stringify(typ)}: invalid syntax`;
        if (sub !== undefined && !(code === 4 && TRACE_POINTS.includes(sub)) && !/^\d+$/.test(sub)) {
          return `unable to parse event sub-type '${sub}', not a known sub-type name and unable to parse as numeric value: strconv.ParseUint: parsing ${JSON.stringify(sub)}: invalid syntax`;
        }
        both("eventType", { type: code, ...(sub !== undefined ? { subtype: sub } : {}) });
        break;
      }
      case "protocol":
        both("protocol", val);
        break;
      case "http-status":
        both("httpStatusCode", val);
        break;
      case "http-method":
        both("httpMethod", val);
        break;
      case "http-path":
        both("httpPath", val);
        break;
      case "http-url":
        both("httpUrl", val);
        break;
      case "node-name":
        both("nodeName", val);
        break;
      case "traffic-direction": {
        const td = val.toLowerCase();
        if (td !== "ingress" && td !== "egress") return `${td}: invalid traffic direction, expected ingress or egress`;
        both("trafficDirection", td.toUpperCase());
        break;
      }
      case "tcp-flags": {
        const flags = val.split(",").map((x) => x.toUpperCase());
        const bad = flags.find((x) => !TCP_FLAGS.includes(x));
        if (bad !== undefined) return `unknown tcp flag: ${val.split(",")[flags.indexOf(bad)] ?? bad}`;
        both("tcpFlags", flags);
        break;
      }
      default:
        break;
    }
  }
  for (const ff of [t.left, t.right]) {
    if (!ff) continue;
    const err =
      conflictsIn(t.ns, ff.sourcePod) ??
      conflictsIn(t.ns, ff.sourceService) ??
      conflictsIn(t.ns, ff.destinationPod) ??
      conflictsIn(t.ns, ff.destinationService) ??
      conflictsIn(t.srcNs, ff.sourcePod) ??
      conflictsIn(t.srcNs, ff.sourceService) ??
      conflictsIn(t.dstNs, ff.destinationPod) ??
      conflictsIn(t.dstNs, ff.destinationService);
    if (err) return err;
  }
  return undefined;
}

function addNamespaces(names: string[] | undefined, ns: readonly string[]): string[] | undefined {
  if (ns.length === 0 || !names || names.length === 0) return names;
  return names.flatMap((n) => (n.includes("/") ? [n] : ns.map((x) => `${x}/${n}`)));
}

function applySide(ff: FlowFilter, ns: readonly string[], src: boolean): void {
  const pods = src ? "sourcePod" : "destinationPod";
  const svcs = src ? "sourceService" : "destinationService";
  if ((ff[pods]?.length ?? 0) === 0 && (ff[svcs]?.length ?? 0) === 0) ff[pods] = [""];
  ff[pods] = addNamespaces(ff[pods], ns);
  ff[svcs] = addNamespaces(ff[svcs], ns);
}

/** filterTracker.flowFilters: the namespace modifiers applied, `[left, right]` (or none). */
function flowFilters(t: Tracker): FlowFilter[] {
  if (!t.left && !t.right && t.ns.length === 0 && t.srcNs.length === 0 && t.dstNs.length === 0) return [];
  const left = (t.left ??= {});
  const right = (t.right ??= {});
  if (t.dstNs.length > 0) {
    applySide(left, t.dstNs, false);
    applySide(right, t.dstNs, false);
  }
  if (t.srcNs.length > 0) {
    applySide(left, t.srcNs, true);
    applySide(right, t.srcNs, true);
  }
  if (t.ns.length > 0) {
    applySide(left, t.ns, true);
    applySide(right, t.ns, false);
  }
  return JSON.stringify(left) === JSON.stringify(right) ? [left] : [left, right];
}

export type FlowPredicate = (f: FlowEvent) => boolean;

/** The allow- and denylist from the filter flags in command-line order; a pflag-style error on bad input. */
export function buildFilters(
  order: readonly { readonly name: string; readonly value: string }[],
): { allow: FlowPredicate; error?: undefined } | { error: string } {
  const white: Tracker = { ns: [], srcNs: [], dstNs: [], changed: [] };
  let black: Tracker | undefined;
  let negate = false;
  for (const { name, value } of order) {
    if (!FILTER_FLAGS.has(name)) continue;
    if (name === "not") {
      if (negate) return { error: flagError(name, value, "consecutive --not statements") };
      negate = true;
      continue;
    }
    const target = negate ? (black ??= { ns: [], srcNs: [], dstNs: [], changed: [] }) : white;
    negate = false;
    const err = set(target, name, value);
    if (err) return { error: flagError(name, value, err) };
  }
  if (negate) return { error: "trailing --not found in the arguments" };
  const allow = compile(flowFilters(white));
  if (typeof allow === "string") return { error: allow };
  const deny = black ? compile(flowFilters(black)) : [];
  if (typeof deny === "string") return { error: deny };
  return { allow: (f) => (allow.length === 0 || allow.some((p) => p(f))) && !deny.some((p) => p(f)) };
}

const SHORT: Readonly<Record<string, string>> = { namespace: "n", "all-namespaces": "A", label: "l", type: "t" };
function flagError(name: string, value: string, err: string): string {
  return `invalid argument ${JSON.stringify(value)} for "${SHORT[name] ? `-${SHORT[name]}, ` : ""}--${name}" flag: ${err}`;
}
