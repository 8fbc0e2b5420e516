/**
 * hubble observe: filters (hubble cmd/observe flows_filter.go: different flags AND, a repeated flag ORs),
 * --last N (default 20), --first N, -o compact|json; errors printed bare as hubble's main does.
 */
import type { ProgramSpec } from "../cobra";
import type { FlowEvent } from "../cluster/api";
import { flagDisplay, type FlagSpec, type ParsedFlags } from "../flags";
import type { CommandRow, Ctx } from "../types";
import { compactLine, dictText, jsonLine, summary, tableText, typeText } from "./printer";

const VERDICTS = ["FORWARDED", "DROPPED", "AUDIT", "REDIRECTED", "ERROR", "TRACED", "TRANSLATED"];
const TYPES = ["trace", "drop", "l7", "policy-verdict", "capture", "trace-sock", "debug", "agent", "sock"];

const FLAGS: readonly FlagSpec[] = [
  { name: "verdict", type: "strings", usage: "Show only flows with this verdict", values: VERDICTS },
  { name: "pod", type: "strings", usage: "Show all flows related to the given pod name prefix (e.g. 'default/xwing' or 'xwing')" },
  { name: "from-pod", type: "strings", usage: "Show all flows originating in the given pod name prefix" },
  { name: "to-pod", type: "strings", usage: "Show all flows terminating in the given pod name prefix" },
  { name: "namespace", short: "n", type: "strings", usage: "Show all flows related to the given Kubernetes namespace" },
  { name: "from-namespace", type: "strings", usage: "Show all flows originating in the given Kubernetes namespace" },
  { name: "to-namespace", type: "strings", usage: "Show all flows terminating in the given Kubernetes namespace" },
  { name: "all-namespaces", short: "A", type: "bool", usage: "Show all flows in any Kubernetes namespace" },
  { name: "protocol", type: "strings", usage: "Show only flows which match the given L4/L7 flow protocol (e.g. \"udp\", \"http\")", values: ["tcp", "udp", "icmp", "http", "dns"] },
  { name: "http-status", type: "strings", usage: "Show only flows which match this HTTP status code prefix (e.g. \"404\", \"5+\")" },
  { name: "http-method", type: "strings", usage: "Show only flows which match this HTTP method (e.g. \"get\", \"post\")" },
  { name: "http-path", type: "strings", usage: "Show only flows which match this HTTP path regular expressions" },
  { name: "port", type: "strings", usage: "Show only flows with the given port in either source or destination" },
  { name: "to-port", type: "strings", usage: "Show only flows with the given destination port" },
  { name: "type", short: "t", type: "strings", usage: "Filter by event types TYPE[:SUBTYPE]", values: TYPES },
  { name: "last", type: "int", usage: "Get last N flows stored in Hubble's buffer. When querying against Hubble Relay, this gets N flows per instance." },
  { name: "first", type: "int", usage: "Get first N flows stored in Hubble's buffer." },
  { name: "all", type: "bool", usage: "Get all flows stored in Hubble's buffer." },
  { name: "follow", short: "f", type: "bool", usage: "Follow flows output" },
  { name: "output", short: "o", type: "string", usage: "Specify the output format, one of: compact, dict, json, jsonpb, table", values: ["compact", "dict", "json", "jsonpb", "table"] },
  { name: "print-node-name", type: "bool", usage: "Print node name in output" },
  { name: "color", type: "string", usage: "Colorize the output when the output format is one of 'compact', 'table', 'dict'. Possible values: 'auto', 'always', 'never'" },
];

type Pred = (f: FlowEvent) => boolean;

/** `ns/prefix` or `prefix` (namespace default). */
function podPred(v: string, side: "src" | "dst" | "either"): Pred {
  const [ns, prefix] = v.includes("/") ? [v.slice(0, v.indexOf("/")), v.slice(v.indexOf("/") + 1)] : ["default", v];
  const m = (e: FlowEvent["source"]): boolean => e.pod !== undefined && e.namespace === ns && e.pod.startsWith(prefix);
  return (f) => (side !== "dst" && m(f.source)) || (side !== "src" && m(f.destination));
}

/** The HTTP part of an L7 flow. */
function httpOf(f: FlowEvent): { method: string; url: string; code?: number } | undefined {
  if (f.event.type !== "l7") return undefined;
  const l7 = f.event.l7;
  return l7.kind === "http-request" || l7.kind === "http-response" ? l7 : undefined;
}

function statusPred(v: string): Pred {
  const prefix = v.endsWith("+") ? v.slice(0, -1) : v;
  return (f) => {
    const code = httpOf(f)?.code;
    return code !== undefined && (v.endsWith("+") ? String(code).startsWith(prefix) : String(code) === v);
  };
}

function protoPred(v: string): Pred {
  const p = v.toLowerCase();
  return (f) =>
    p === "http" ? httpOf(f) !== undefined : p === "dns" ? summary(f).startsWith("DNS") : p === "icmp" || p === "icmpv4" ? f.l4.protocol === "ICMPv4" : f.l4.protocol.toLowerCase() === p && f.event.type !== "l7";
}

/** Builds the AND of each flag's OR. Returns an error sentence for bad values. */
function filters(f: ParsedFlags): Pred[] | string {
  const preds: Pred[] = [];
  const anyOf = (name: string, make: (v: string) => Pred): void => {
    const vals = f.all.get(name);
    if (vals && vals.length > 0) {
      const ps = vals.map(make);
      preds.push((flow) => ps.some((p) => p(flow)));
    }
  };
  for (const v of f.all.get("verdict") ?? []) if (!VERDICTS.includes(v)) return `invalid argument "${v}" for "--verdict" flag: invalid --verdict value: ${v}`;
  for (const v of f.all.get("type") ?? []) {
    if (!TYPES.includes(v.split(":")[0] ?? "")) return `invalid argument "${v}" for "${flagDisplay(FLAGS.find((x) => x.name === "type")!)}" flag: unable to parse type '${v}', not a known type name and unable to parse as numeric value: strconv.Atoi: parsing "${v}": invalid syntax`;
  }
  for (const v of f.all.get("http-status") ?? []) if (!/^\d{1,3}\+?$/.test(v)) return `invalid argument "${v}" for "--http-status" flag: invalid status code "${v}", expected a number or a prefix like "5+"`;
  anyOf("verdict", (v) => (fl) => fl.verdict === v);
  anyOf("pod", (v) => podPred(v, "either"));
  anyOf("from-pod", (v) => podPred(v, "src"));
  anyOf("to-pod", (v) => podPred(v, "dst"));
  anyOf("namespace", (v) => (fl) => fl.source.namespace === v || fl.destination.namespace === v);
  anyOf("from-namespace", (v) => (fl) => fl.source.namespace === v);
  anyOf("to-namespace", (v) => (fl) => fl.destination.namespace === v);
  anyOf("protocol", protoPred);
  anyOf("http-status", statusPred);
  anyOf("http-method", (v) => (fl) => httpOf(fl)?.method.toLowerCase() === v.toLowerCase());
  anyOf("http-path", (v) => (fl) => {
    const h = httpOf(fl);
    return h !== undefined && new RegExp(v).test(h.url.replace(/^[a-z]+:\/\/[^/]*/, "").replace(/[?#].*$/, ""));
  });
  anyOf("port", (v) => (fl) => String(fl.source.port) === v || String(fl.destination.port) === v);
  anyOf("to-port", (v) => (fl) => String(fl.destination.port) === v);
  anyOf("type", (v) => (fl) => fl.event.type === v.split(":")[0] && (!v.includes(":") || typeText(fl) === v.split(":")[1]));
  return preds;
}

function runObserve(ctx: Ctx, f: ParsedFlags): number {
  if (f.values.has("first") && f.values.has("last")) {
    ctx.io.err("cannot set both --first and --last\n");
    return 1;
  }
  const out = f.values.get("output") ?? "compact";
  if (!["compact", "json", "jsonpb", "table", "dict"].includes(out)) {
    ctx.io.err(`invalid output format: ${out}\n`);
    return 1;
  }
  const preds = filters(f);
  if (typeof preds === "string") {
    ctx.io.err(preds + "\n");
    return 1;
  }
  let flows = ctx.state.cluster.flows().filter((fl) => preds.every((p) => p(fl)));
  if (f.values.has("first")) flows = flows.slice(0, Number(f.values.get("first")));
  else if (f.values.get("all") !== "true") {
    const n = Number(f.values.get("last") ?? "20");
    flows = n === 0 ? flows : flows.slice(Math.max(0, flows.length - n));
  }
  const color = f.values.get("color") === "always" || (f.values.get("color") !== "never" && ctx.deps.tty === true && ctx.io.outIsTerminal);
  const nodeName = f.values.get("print-node-name") === "true";
  if (out === "table") ctx.io.out(flows.length > 0 ? tableText(flows) : "");
  else if (out === "dict") ctx.io.out(dictText(flows));
  else ctx.io.out(flows.map((fl) => (out === "compact" ? compactLine(fl, color, nodeName) : jsonLine(fl))).join(""));
  return 0;
}

const observe: CommandRow = {
  path: ["hubble", "observe"],
  summary: "Observe flows and events of a Hubble server",
  usage: "hubble observe [flags]",
  flags: FLAGS,
  run: runObserve,
};

const status: CommandRow = {
  path: ["hubble", "status"],
  summary: "Display status of Hubble server",
  usage: "hubble status [flags]",
  flags: [],
  run(ctx) {
    const n = ctx.state.cluster.flows().length;
    ctx.io.out(`Healthcheck (via localhost:4245): Ok\nCurrent/Max Flows: ${n.toLocaleString("en-US")}/12,285 (${((n / 12285) * 100).toFixed(2)}%)\nFlows/s: 1.21\nConnected Nodes: 3/3\n`);
    return 0;
  },
};

/** The hubble program. */
export const HUBBLE: ProgramSpec = {
  name: "hubble",
  rows: [observe, status],
  globalFlags: [{ name: "server", type: "string", usage: "Address of a Hubble server" }, { name: "port-forward", short: "P", type: "bool", usage: "Automatically forward the relay port to the local machine" }],
  style: "hubble",
  rootHelp:
    "Hubble is a utility to observe and inspect recent Cilium routed traffic in a cluster.\n\nUsage:\n  hubble [command]\n\nAvailable Commands:\n  observe     Observe flows and events of a Hubble server\n  status      Display status of Hubble server\n\nUse \"hubble [command] --help\" for more information about a command.\n",
};
