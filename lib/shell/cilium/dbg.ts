/**
 * cilium-dbg inside the agent pod (cilium-dbg/cmd/{endpoint_list,identity_list,policy_get,status,config}.go;
 * CLI-FORMATS.md §10). The agent answers for its own node: endpoint list shows local endpoints only.
 */
import { runProgram, type ProgramSpec } from "../cobra";
import { boolFlag } from "../flags";
import { tabwrite } from "../printers/tabwriter";
import type { Json } from "../printers/yaml";
import type { CommandRow, Ctx } from "../types";
import { agentStatus } from "./status";

function endpointList(node: string): CommandRow {
  return {
    path: ["cilium-dbg", "endpoint", "list"],
    summary: "List all endpoints",
    usage: "cilium-dbg endpoint list [flags]",
    flags: [{ name: "no-headers", type: "bool", usage: "Do not print headers" }, { name: "output", short: "o", type: "string", usage: "json| yaml| jsonpath='{}'" }],
    run(ctx, f) {
      const eps = ctx.state.cluster.agentEndpoints(node);
      let text = boolFlag(f, "no-headers") ? "" : "ENDPOINT\tPOLICY (ingress)\tPOLICY (egress)\tIDENTITY\tLABELS (source:key[=value])\tIPv6\tIPv4\tSTATUS\t\n\tENFORCEMENT\tENFORCEMENT\t\t\t\t\t\t\n";
      for (const e of [...eps].sort((a, b) => a.id - b.id)) {
        const ing = e.ingressEnforcement;
        const eg = e.egressEnforcement;
        const labels = [...e.labels].sort();
        const first = labels[0] ?? "no labels";
        text += `${e.id}\t${ing}\t${eg}\t${e.identity}\t${first}\t\t${e.ipv4}\t${e.status}\t\n`;
        for (const l of labels.slice(1)) text += `\t\t\t\t${l}\t\t\t\t\n`;
      }
      ctx.io.out(tabwrite(text, { minwidth: 5, padding: 3 }));
      return 0;
    },
  };
}

const identityList: CommandRow = {
  path: ["cilium-dbg", "identity", "list"],
  summary: "List identities",
  usage: "cilium-dbg identity list [LABELS] [flags]",
  flags: [{ name: "endpoints", type: "bool", usage: "list identities of locally managed endpoints" }, { name: "output", short: "o", type: "string", usage: "json| yaml| jsonpath='{}'" }],
  run(ctx, f) {
    const filter = f.args;
    let text = "ID\tLABELS\n";
    for (const id of ctx.state.cluster.identities()) {
      const labels = [...id.labels].sort();
      if (filter.length > 0 && !filter.every((x) => labels.some((l) => l === x || l.endsWith(":" + x) || l.includes(x)))) continue;
      text += `${id.id}\t${labels[0] ?? ""}\n`;
      for (const l of labels.slice(1)) text += `\t${l}\n`;
    }
    ctx.io.out(tabwrite(text, { minwidth: 2, padding: 3 }));
    return 0;
  },
};

/** Go's MarshalIndent(…, "", "  ") without re-ordering keys (the rules keep their struct field order). */
function goIndent(v: Json): string {
  return JSON.stringify(v, null, 2).replace(/[<>&]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

const policyGet: CommandRow = {
  path: ["cilium-dbg", "policy", "get"],
  summary: "Display policy node information",
  usage: "cilium-dbg policy get [<labels>] [flags]",
  flags: [{ name: "output", short: "o", type: "string", usage: "json| yaml| jsonpath='{}'" }],
  run(ctx) {
    const repo = ctx.state.cluster.policyRepository();
    ctx.io.out(`${goIndent(repo.rules as Json)}\nRevision: ${repo.revision}\n`);
    return 0;
  },
};

const statusRow = (node: string): CommandRow => ({
  path: ["cilium-dbg", "status"],
  summary: "Display status of daemon",
  usage: "cilium-dbg status [flags]",
  flags: [
    { name: "brief", type: "bool", usage: "Only print a one-line status message" },
    { name: "verbose", type: "bool", usage: "Equivalent to --all-addresses --all-controllers --all-nodes --all-redirects --all-clusters --all-health" },
    { name: "all-controllers", type: "bool", usage: "Show all controllers, not just failing" },
  ],
  run(ctx, f) {
    ctx.io.out(boolFlag(f, "brief") ? "OK\n" : agentStatus(ctx, node));
    return 0;
  },
});

const MUTABLE: readonly [string, string][] = [
  ["ConntrackAccounting", "Enabled"],
  ["ConntrackLocal", "Disabled"],
  ["Debug", "Disabled"],
  ["DebugLB", "Disabled"],
  ["DropNotification", "Enabled"],
  ["MonitorAggregationLevel", "Medium"],
  ["PolicyAccounting", "Enabled"],
  ["PolicyAuditMode", "Disabled"],
  ["PolicyTracing", "Disabled"],
  ["PolicyVerdictNotification", "Enabled"],
  ["SourceIPVerification", "Enabled"],
  ["TraceNotification", "Enabled"],
];

const config: CommandRow = {
  path: ["cilium-dbg", "config"],
  summary: "Cilium configuration options",
  usage: "cilium-dbg config [<option>=(enable|disable) ...] [flags]",
  flags: [{ name: "all", short: "a", type: "bool", usage: "Display all cilium configurations" }, { name: "read-only", short: "r", type: "bool", usage: "Display read only configurations" }],
  run(ctx, f) {
    if (f.args.length > 0) {
      for (const a of f.args) {
        const m = /^PolicyEnforcement=(default|always|never)$/.exec(a);
        if (m) ctx.state = { ...ctx.state, cluster: ctx.state.cluster.configure({ enforcementMode: m[1] as "default" | "always" | "never" }) };
        else if (!MUTABLE.some(([k]) => a.startsWith(k + "="))) {
          ctx.io.err(`Error: Invalid option "${a.split("=")[0]}"\n`);
          return 1;
        }
      }
      return 0;
    }
    const line = (k: string, v: string): string => `${k.padEnd(34)}: ${v}\n`;
    ctx.io.out("##### Read-write configurations #####\n" + MUTABLE.map(([k, v]) => line(k, v)).join("") + line("MonitorNumPages", "64") + line("PolicyEnforcement", ctx.state.cluster.settings().enforcementMode));
    return 0;
  },
};

/** The agent CLI as a program over one node's agent. */
export function agentProgram(node: string): ProgramSpec {
  return {
    name: "cilium-dbg",
    rows: [endpointList(node), identityList, policyGet, statusRow(node), config],
    globalFlags: [{ name: "debug", short: "D", type: "bool", usage: "Enable debug messages" }],
    style: "cobra",
    rootHelp: "CLI for interacting with the local Cilium Agent\n\nUsage:\n  cilium-dbg [command]\n\nAvailable Commands:\n  config      Cilium configuration options\n  endpoint    Manage endpoints\n  identity    Manage security identities\n  policy      Manage security policies\n  status      Display status of daemon\n\nUse \"cilium-dbg [command] --help\" for more information about a command.\n",
  };
}

/** Entry point used by kubectl exec in a Cilium agent pod (`cilium` is the old name of `cilium-dbg`). */
export function agentMain(ctx: Ctx, node: string, argv: readonly string[]): number {
  return runProgram(ctx, agentProgram(node), ["cilium-dbg", ...argv.slice(1)]);
}
