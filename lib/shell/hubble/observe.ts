/**
 * hubble observe: filters (filters.ts: hubble cmd/observe flows_filter.go and cilium pkg/hubble/filters —
 * different flags AND, a repeated flag ORs, `--not` negates the next one), --last N (default 20), --first N,
 * --all, -o compact|json|jsonpb|table|dict; errors printed bare as hubble's main does.
 */
import type { ProgramSpec } from "../cobra";
import type { FlagSpec, ParsedFlags } from "../flags";
import type { FlowEvent } from "../cluster/api";
import type { CommandRow, Ctx, Follow } from "../types";
import { buildFilters, RESERVED_IDENTITIES, VERDICTS } from "./filters";
import { compactLine, dictText, jsonLine, tableText } from "./printer";

const TYPES = ["trace", "drop", "l7", "policy-verdict", "capture", "trace-sock"];

/** Filter flags are pflag Values in hubble (one value per occurrence, never split on commas): read them from `order`. */
const filter = (name: string, usage: string, extra: Partial<FlagSpec> = {}): FlagSpec => ({
  name,
  type: "strings",
  usage,
  ...extra,
});

const FLAGS: readonly FlagSpec[] = [
  { name: "not", type: "bool", usage: "Reverses the next filter to be blacklist i.e. --not --from-ip 2.2.2.2" },
  filter("verdict", `Show only flows with this verdict [${VERDICTS.join(", ")}]`, { values: VERDICTS }),
  filter(
    "pod",
    "Show all flows related to the given pod name prefix ([namespace/]<pod-name>). If namespace is not provided, 'default' is used.",
  ),
  filter(
    "from-pod",
    "Show all flows originating in the given pod name prefix([namespace/]<pod-name>). If namespace is not provided, 'default' is used",
  ),
  filter(
    "to-pod",
    "Show all flows terminating in the given pod name prefix([namespace/]<pod-name>). If namespace is not provided, 'default' is used",
  ),
  filter("namespace", "Show all flows related to the given Kubernetes namespace.", { short: "n" }),
  filter("from-namespace", "Show all flows originating in the given Kubernetes namespace."),
  filter("to-namespace", "Show all flows terminating in the given Kubernetes namespace."),
  { name: "all-namespaces", short: "A", type: "bool", usage: "Show all flows in any Kubernetes namespace." },
  { name: "from-all-namespaces", type: "bool", usage: "Show flows originating in any Kubernetes namespace." },
  { name: "to-all-namespaces", type: "bool", usage: "Show flows terminating in any Kubernetes namespace." },
  filter(
    "ip",
    "Show all flows originating or terminating at the given IP address. Each of the IPs can be specified as an exact match (e.g. '1.1.1.1') or as a CIDR range (e.g.'1.1.1.0/24').",
  ),
  filter(
    "from-ip",
    "Show all flows originating at the given IP address. Each of the source IPs can be specified as an exact match (e.g. '1.1.1.1') or as a CIDR range (e.g.'1.1.1.0/24').",
  ),
  filter(
    "to-ip",
    "Show all flows terminating at the given IP address. Each of the destination IPs can be specified as an exact match (e.g. '1.1.1.1') or as a CIDR range (e.g.'1.1.1.0/24').",
  ),
  filter(
    "label",
    'Show only flows related to an endpoint with the given labels (e.g. "key1=value1", "reserved:world")',
    { short: "l" },
  ),
  filter(
    "from-label",
    'Show only flows originating in an endpoint with the given labels (e.g. "key1=value1", "reserved:world")',
  ),
  filter(
    "to-label",
    'Show only flows terminating in an endpoint with given labels (e.g. "key1=value1", "reserved:world")',
  ),
  filter("identity", "Show all flows related to an endpoint with the given security identity", {
    values: RESERVED_IDENTITIES,
  }),
  filter("from-identity", "Show all flows originating at an endpoint with the given security identity", {
    values: RESERVED_IDENTITIES,
  }),
  filter("to-identity", "Show all flows terminating at an endpoint with the given security identity", {
    values: RESERVED_IDENTITIES,
  }),
  filter("port", "Show only flows with given port in either source or destination (e.g. 8080)"),
  filter("from-port", "Show only flows with the given source port (e.g. 8080)"),
  filter("to-port", "Show only flows with the given destination port (e.g. 8080)"),
  filter("fqdn", 'Show all flows related to the given fully qualified domain name (e.g. "*.cilium.io").'),
  filter("from-fqdn", 'Show all flows originating at the given fully qualified domain name (e.g. "*.cilium.io").'),
  filter("to-fqdn", 'Show all flows terminating at the given fully qualified domain name (e.g. "*.cilium.io").'),
  filter(
    "service",
    "Shows flows where either the source or destination IP address matches the ClusterIP address of the given service name prefix ([namespace/]<svc-name>). If namespace is not provided, 'default' is used. ",
  ),
  filter(
    "from-service",
    "Shows flows where the source IP address matches the ClusterIP address of the given service name prefix([namespace/]<svc-name>). If namespace is not provided, 'default' is used",
  ),
  filter(
    "to-service",
    "Shows flows where the destination IP address matches the ClusterIP address of the given service name prefix([namespace/]<svc-name>). If namespace is not provided, 'default' is used",
  ),
  filter("protocol", 'Show only flows which match the given L4/L7 flow protocol (e.g. "udp", "http")', {
    values: ["icmp", "icmpv4", "icmpv6", "sctp", "tcp", "udp", "dns", "http", "kafka"],
  }),
  filter("type", "Filter by event types TYPE[:SUBTYPE]", { short: "t", values: TYPES }),
  filter("http-status", 'Show only flows which match this HTTP status code prefix (e.g. "404", "5+")'),
  filter("http-method", 'Show only flows which match this HTTP method (e.g. "get", "post")', {
    values: ["CONNECT", "DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT", "TRACE"],
  }),
  filter("http-path", 'Show only flows which match this HTTP path regular expressions (e.g. "/page/\\d+")'),
  filter(
    "http-url",
    'Show only flows which match this HTTP URL regular expressions (e.g. "http://.*cilium\\.io/page/\\d+")',
  ),
  filter("node-name", 'Show all flows which match the given node names (e.g. "k8s*", "test-cluster/*.company.com")'),
  filter("traffic-direction", "Show all flows in the given traffic direction (either ingress or egress)", {
    values: ["ingress", "egress"],
  }),
  filter("tcp-flags", 'Show only flows which match the given TCP flags (e.g. "syn", "ack", "fin")'),
  {
    name: "since",
    type: "string",
    usage:
      "Filter flows since a specific date. The format is relative (e.g. 3s, 4m, 1h43,, ...) or one of:\n  StampMilli:             Jan _2 15:04:05.000\n  YearMonthDay:           2006-01-02\n  YearMonthDayHour:       2006-01-02T15-07:00\n  YearMonthDayHourMinute: 2006-01-02T15:04-07:00\n  RFC3339:                2006-01-02T15:04:05-07:00\n  RFC3339Milli:           2006-01-02T15:04:05.999-07:00\n  RFC3339Micro:           2006-01-02T15:04:05.999999-07:00\n  RFC3339Nano:            2006-01-02T15:04:05.999999999-07:00\n  RFC1123Z:               Mon, 02 Jan 2006 15:04:05 -0700\n ",
  },
  {
    name: "until",
    type: "string",
    usage:
      "Filter flows until a specific date. The format is relative (e.g. 3s, 4m, 1h43,, ...) or one of: (see --since)",
  },
  {
    name: "last",
    type: "int",
    usage:
      "Get last N flows stored in Hubble's buffer. When querying against Hubble Relay, this gets N flows per instance.",
  },
  { name: "first", type: "int", usage: "Get first N flows stored in Hubble's buffer." },
  { name: "all", type: "bool", usage: "Get all flows stored in Hubble's buffer." },
  { name: "follow", short: "f", type: "bool", usage: "Follow flows output" },
  {
    name: "output",
    short: "o",
    type: "string",
    usage: "Specify the output format, one of: compact, dict, json, jsonpb, table",
    values: ["compact", "dict", "json", "jsonpb", "table"],
  },
  { name: "print-node-name", type: "bool", usage: "Print node name in output" },
  { name: "print-policy-names", type: "bool", usage: "Print policy names in output" },
  {
    name: "color",
    type: "string",
    usage:
      "Colorize the output when the output format is one of 'compact', 'table', 'dict'. Possible values: 'auto', 'always', 'never'",
  },
];

/** Go duration units hubble's relative times accept. */
const UNIT_MS: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/**
 * hubble's time flags (pkg/time ParseTime): a Go duration counted back from now ("5m", "1h30m"), or an
 * absolute time (RFC 3339 and the shorter layouts Date understands). Undefined when it is neither.
 */
export function parseTime(raw: string, now: number): number | undefined {
  const text = raw.trim();
  if (/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(text)) {
    let ms = 0;
    for (const [, n, unit] of text.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g))
      ms += Number(n) * (UNIT_MS[unit as string] as number);
    return now - ms;
  }
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) && !/^[A-Z][a-z]{2}, /.test(text)) return undefined;
  const t = Date.parse(text);
  return Number.isNaN(t) ? undefined : t;
}

function runObserve(ctx: Ctx, f: ParsedFlags): number {
  const first = Number(f.values.get("first") ?? "0") > 0;
  const last = Number(f.values.get("last") ?? "0") > 0;
  const all = f.values.get("all") === "true";
  const follow = f.values.get("follow") === "true";
  const clash =
    first && last
      ? "--first and --last"
      : first && all
        ? "--first and --all"
        : first && follow
          ? "--first and --follow"
          : last && all
            ? "--last and --all"
            : undefined;
  if (clash) {
    ctx.io.err(`cannot set both ${clash}\n`);
    return 1;
  }
  const out = f.values.get("output") ?? "compact";
  if (!["compact", "json", "jsonpb", "table", "dict"].includes(out)) {
    ctx.io.err(`invalid output format: ${out}\n`);
    return 1;
  }
  const built = buildFilters(f.order ?? []);
  if (built.error !== undefined) {
    ctx.io.err(built.error + "\n");
    return 1;
  }
  const window: { since?: number; until?: number } = {};
  for (const name of ["since", "until"] as const) {
    const raw = f.values.get(name);
    if (raw === undefined) continue;
    const t = parseTime(raw, ctx.now);
    if (t === undefined) {
      ctx.io.err(
        `failed to parse the ${name} time: ${JSON.stringify(raw)}: use a duration such as 30s, 5m or 1h30m, or a time such as 2006-01-02T15:04:05Z\n`,
      );
      return 1;
    }
    window[name] = t;
  }
  const inWindow = (fl: FlowEvent): boolean =>
    built.allow(fl) &&
    (window.since === undefined || fl.time >= window.since) &&
    (window.until === undefined || fl.time <= window.until);
  let flows = ctx.state.cluster.flows.filter(inWindow);
  // getFlowsRequest: --first N, --all, else --last N (0 or unset: the default 20, but not with --since/--until,
  // nor with --follow: the server then starts at the newest flow without rewinding, observer newRingReader)
  if (first) flows = flows.slice(0, Number(f.values.get("first")));
  else if (!all && (last || (window.since === undefined && window.until === undefined))) {
    const n = last ? Number(f.values.get("last")) : follow ? 0 : 20;
    flows = flows.slice(Math.max(0, flows.length - n));
  }
  const color =
    f.values.get("color") === "always" ||
    (f.values.get("color") !== "never" && ctx.deps.tty === true && ctx.io.outIsTerminal);
  const nodeName = f.values.get("print-node-name") === "true";
  const policyNames = f.values.get("print-policy-names") === "true";
  const print = flowPrinter(out, color, nodeName, policyNames);
  ctx.io.out(print(flows));
  if (follow) ctx.follow = followFlows(ctx.state.cluster.flows.at(-1)?.id ?? -1, built.allow, window.until, print);
  return 0;
}

/** Prints batches of flows in one output format; the table's header and dict's separators only once. */
function flowPrinter(
  out: string,
  color: boolean,
  nodeName: boolean,
  policyNames: boolean,
): (flows: readonly FlowEvent[]) => string {
  let printed = 0;
  return (flows) => {
    if (flows.length === 0) return "";
    const before = printed;
    printed += flows.length;
    if (out === "table") {
      const text = tableText(flows, policyNames);
      return before === 0 ? text : text.slice(text.indexOf("\n") + 1);
    }
    if (out === "dict") return (before === 0 ? "" : "------------\n") + dictText(flows, policyNames);
    return flows
      .map((fl) => (out === "compact" ? compactLine(fl, color, nodeName, policyNames) : jsonLine(fl)))
      .join("");
  };
}

/**
 * `--follow`: every flow recorded after `lastId` that passes the filters, as the lab records it. A flow past
 * `--until` ends the stream (the server's reader returns EOF).
 */
function followFlows(
  lastId: number,
  allow: (fl: FlowEvent) => boolean,
  until: number | undefined,
  print: (flows: readonly FlowEvent[]) => string,
): Follow {
  let seen = lastId;
  return {
    poll(state) {
      const all = state.cluster.flows;
      // the log only grows (a ring buffer drops the oldest): find where the unseen flows start from the end
      let i = all.length;
      while (i > 0 && (all[i - 1] as FlowEvent).id > seen) i--;
      const fresh = all.slice(i);
      if (fresh.length === 0) return { output: "" };
      seen = (fresh.at(-1) as FlowEvent).id;
      const ended = until === undefined ? -1 : fresh.findIndex((fl) => fl.time > until);
      const shown = (ended < 0 ? fresh : fresh.slice(0, ended)).filter(allow);
      return { output: print(shown), ...(ended >= 0 ? { done: true } : {}) };
    },
  };
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
    const n = ctx.state.cluster.flows.length;
    ctx.io.out(
      `Healthcheck (via localhost:4245): Ok\nCurrent/Max Flows: ${n.toLocaleString("en-US")}/12,285 (${((n / 12285) * 100).toFixed(2)}%)\nFlows/s: 1.21\nConnected Nodes: 3/3\n`,
    );
    return 0;
  },
};

/** The hubble program. */
export const HUBBLE: ProgramSpec = {
  name: "hubble",
  rows: [observe, status],
  globalFlags: [
    { name: "server", type: "string", usage: "Address of a Hubble server" },
    {
      name: "port-forward",
      short: "P",
      type: "bool",
      usage: "Automatically forward the relay port to the local machine",
    },
  ],
  style: "hubble",
  rootHelp:
    'Hubble is a utility to observe and inspect recent Cilium routed traffic in a cluster.\n\nUsage:\n  hubble [command]\n\nAvailable Commands:\n  observe     Observe flows and events of a Hubble server\n  status      Display status of Hubble server\n\nUse "hubble [command] --help" for more information about a command.\n',
};
