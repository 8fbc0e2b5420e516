/**
 * cilium-dbg inside the agent pod (cilium-dbg/cmd/{endpoint_list,identity_list,policy_get,status,config}.go;
 * CLI-FORMATS.md §10). The agent answers for its own node: endpoint list shows local endpoints only.
 */
import { runProgram, type ProgramSpec } from "../cobra";
import type { EndpointInfo } from "../cluster/api";
import { boolFlag, type ParsedFlags } from "../flags";
import { arr, str } from "../kubectl/access";
import { byPlural } from "../kubectl/resources";
import { sha256Hex } from "../printers/sha256";
import { tabwrite } from "../printers/tabwriter";
import { toYaml, type Json } from "../printers/yaml";
import type { CommandRow, Ctx } from "../types";

const OUTPUT = { name: "output", short: "o", type: "string" as const, usage: "json| yaml| jsonpath='{}'" };
import { agentStatus } from "./status";
import { ciliumEndpoints, ciliumIdentities, egressGatewayEntries, getSettings, policyRepository } from "@/lib/cluster";
import { configure, objects } from "../cluster/ops";

function endpointList(node: string): CommandRow {
  return {
    path: ["cilium-dbg", "endpoint", "list"],
    summary: "List all endpoints",
    usage: "cilium-dbg endpoint list [flags]",
    flags: [{ name: "no-headers", type: "bool", usage: "Do not print headers" }, OUTPUT],
    run(ctx, f) {
      const eps = ciliumEndpoints(ctx.state.cluster, node);
      if (f.values.has("output"))
        return printOutput(
          ctx,
          f,
          [...eps].sort((a, b) => a.id - b.id).map((e) => endpointModel(ctx, e)),
        );
      let text = boolFlag(f, "no-headers")
        ? ""
        : "ENDPOINT\tPOLICY (ingress)\tPOLICY (egress)\tIDENTITY\tLABELS (source:key[=value])\tIPv6\tIPv4\tSTATUS\t\n\tENFORCEMENT\tENFORCEMENT\t\t\t\t\t\t\n";
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
  flags: [{ name: "endpoints", type: "bool", usage: "list identities of locally managed endpoints" }, OUTPUT],
  run(ctx, f) {
    const filter = f.args;
    const wanted = ciliumIdentities(ctx.state.cluster).filter(
      (id) =>
        filter.length === 0 ||
        filter.every((x) => id.labels.some((l) => l === x || l.endsWith(":" + x) || l.includes(x))),
    );
    if (f.values.has("output"))
      return printOutput(
        ctx,
        f,
        wanted.map((id) => identityModel(id.id, id.labels)),
      );
    let text = "ID\tLABELS\n";
    for (const id of wanted) {
      const labels = [...id.labels].sort();
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

/**
 * pkg/command PrintOutput: `-o json` is json.MarshalIndent with two spaces, printed with Println — and
 * dumpJSON then prints the (empty) string DumpJSONToString returned, so one blank line follows; `-o yaml`
 * is sigs.k8s.io/yaml (sorted keys) plus Println's newline.
 */
function printOutput(ctx: Ctx, f: ParsedFlags, data: Json): number {
  const o = f.values.get("output") ?? "";
  if (o === "json") ctx.io.out(`${goIndent(data)}\n\n`);
  else if (o === "yaml") ctx.io.out(`${toYaml(data)}\n`);
  else {
    ctx.io.err("couldn't found output printer\n");
    return 1;
  }
  return 0;
}

/** pkg/labels Labels.SortedList: `source:key=value;` per label, sorted by key — hashed as labelsSHA256. */
function labelsSHA256(labels: readonly string[]): string {
  const parsed = labels.map((l) => {
    const colon = l.indexOf(":");
    const rest = l.slice(colon + 1);
    const eq = rest.indexOf("=");
    return {
      source: l.slice(0, colon),
      key: eq < 0 ? rest : rest.slice(0, eq),
      value: eq < 0 ? "" : rest.slice(eq + 1),
    };
  });
  parsed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return sha256Hex(parsed.map((l) => `${l.source}:${l.key}=${l.value};`).join(""));
}

/** models.Identity: {id, labels, labelsSHA256} (labels sorted; the agent's map order is random). */
function identityModel(id: number, labels: readonly string[]): Json {
  const sorted = [...labels].sort();
  return { id, labels: sorted, labelsSHA256: labelsSHA256(sorted) };
}

/**
 * models.Endpoint as `cilium-dbg endpoint list -o json` prints it (api/v1/models, fields in struct order):
 * the parts the lab knows — identifiers, health, identity, labels (security-relevant vs derived: the pod
 * labels Cilium's filter drops), addressing, per-direction enforcement and the policy revision, state.
 */
function endpointModel(ctx: Ctx, e: EndpointInfo): Json {
  const pod =
    e.pod !== undefined
      ? objects(ctx.state.cluster, byPlural("pods")).find(
          (p) => p.metadata.namespace === e.namespace && p.metadata.name === e.pod,
        )
      : undefined;
  const security = [...e.labels].sort();
  const derived = Object.entries(pod?.metadata.labels ?? {})
    .map(([k, v]) => `k8s:${k}=${v}`)
    .filter((l) => !security.includes(l))
    .sort();
  const ing = e.ingressEnforcement === "Enabled";
  const eg = e.egressEnforcement === "Enabled";
  const policy = {
    id: e.identity,
    "policy-enabled": ing && eg ? "both" : ing ? "ingress" : eg ? "egress" : "none",
    "policy-revision": policyRepository(ctx.state.cluster).revision,
  };
  const host = security.includes("reserved:host");
  const nodeIP = str(
    arr(
      objects(ctx.state.cluster, byPlural("nodes")).find((n) => n.metadata.name === e.node) ?? null,
      "status.addresses",
    ).find((a) => str(a, "type") === "InternalIP") ?? null,
    "address",
  );
  const status: Record<string, Json> = {
    ...(pod
      ? {
          "external-identifiers": {
            "container-id": sha256Hex(`${e.namespace}/${e.pod}/${pod.metadata.uid}`),
            "k8s-namespace": e.namespace ?? "",
            "k8s-pod-name": e.pod ?? "",
            "pod-name": `${e.namespace}/${e.pod}`,
          },
        }
      : {}),
    health: { bpf: "OK", connected: true, overallHealth: "OK", policy: "OK" },
    identity: identityModel(e.identity, security),
    labels: { derived, disabled: [], realized: {}, "security-relevant": security },
    networking: {
      addressing: e.ipv4 ? [{ ipv4: e.ipv4 }] : [],
      "host-addressing": { ipv4: { address: nodeIP, enabled: true }, ipv6: { enabled: false } },
      "interface-name": host ? "cilium_host" : `lxc${sha256Hex(`${e.node}/${e.id}`).slice(0, 12)}`,
    },
    policy: { "proxy-statistics": [], realized: policy, spec: policy },
    state: e.status,
  };
  return { id: e.id, spec: { "label-configuration": {} }, status };
}

const policyGet: CommandRow = {
  path: ["cilium-dbg", "policy", "get"],
  summary: "Display policy node information",
  usage: "cilium-dbg policy get [<labels>] [flags]",
  flags: [{ name: "output", short: "o", type: "string", usage: "json| yaml| jsonpath='{}'" }],
  run(ctx) {
    const repo = policyRepository(ctx.state.cluster);
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
    {
      name: "verbose",
      type: "bool",
      usage: "Equivalent to --all-addresses --all-controllers --all-nodes --all-redirects --all-clusters --all-health",
    },
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

/** Endpoint options shown by `cilium-dbg endpoint config ID` (pkg/option endpoint mutable options). */
const ENDPOINT_OPTIONS: readonly [string, string][] = [
  ["ConntrackAccounting", "Enabled"],
  ["Debug", "Disabled"],
  ["DebugLB", "Disabled"],
  ["DebugPolicy", "Disabled"],
  ["DropNotification", "Enabled"],
  ["MonitorAggregationLevel", "Medium"],
  ["PolicyAccounting", "Enabled"],
  ["PolicyAuditMode", "Disabled"],
  ["PolicyVerdictNotification", "Enabled"],
  ["SourceIPVerification", "Enabled"],
  ["TraceNotification", "Enabled"],
];

/** option.NormalizeBool: the words Cilium accepts for a boolean option. */
function optionBool(v: string): boolean | undefined {
  const x = v.toLowerCase();
  if (["true", "on", "enable", "enabled", "1"].includes(x)) return true;
  if (["false", "off", "disable", "disabled", "0"].includes(x)) return false;
  return undefined;
}

/**
 * cilium-dbg endpoint config ID [Option=value …] (cilium-dbg/cmd/endpoint_config.go): lists the endpoint's
 * options (`%-34s: %s`) or patches them; the lab models PolicyAuditMode (per-endpoint policy audit mode),
 * the other options are accepted and shown as their defaults.
 */
function endpointConfig(node: string): CommandRow {
  return {
    path: ["cilium-dbg", "endpoint", "config"],
    summary: "View & modify endpoint configuration",
    usage: "cilium-dbg endpoint config <endpoint id> [<option>=(enable|disable) ...] [flags]",
    flags: [{ name: "list-options", type: "bool", usage: "List available options" }],
    run(ctx, f) {
      const [id, ...opts] = f.args;
      if (id === undefined) {
        ctx.io.err("Error: Missing endpoint id argument\n");
        return 1;
      }
      const ep = ciliumEndpoints(ctx.state.cluster, node).find((e) => String(e.id) === id);
      if (!ep) {
        ctx.io.err(
          `Error: Cannot get configuration of endpoint ${id}: [GET /endpoint/{id}/config][404] getEndpointIdConfigNotFound \n`,
        );
        return 1;
      }
      const key = ep.pod !== undefined ? `${ep.namespace ?? ""}/${ep.pod}` : undefined;
      const s = getSettings(ctx.state.cluster);
      const audited = s.policyAuditMode === true || (key !== undefined && (s.auditEndpoints ?? []).includes(key));
      if (opts.length === 0) {
        const line = (k: string, v: string): string => `${k.padEnd(34)}: ${v}\n`;
        ctx.io.out(
          ENDPOINT_OPTIONS.map(([k, v]) =>
            line(k, k === "PolicyAuditMode" ? (audited ? "Enabled" : "Disabled") : v),
          ).join(""),
        );
        return 0;
      }
      let audit: boolean | undefined;
      for (const o of opts) {
        const [name, value = ""] = o.split("=");
        const known = ENDPOINT_OPTIONS.some(([k]) => k === name);
        const b = optionBool(value);
        if (!known || (name !== "MonitorAggregationLevel" && b === undefined)) {
          ctx.io.err(
            `Error: Cannot parse option ${o}: ${known ? `invalid option value ${value}` : `unknown option ${name}`}\n`,
          );
          return 1;
        }
        if (name === "PolicyAuditMode") audit = b;
      }
      if (audit !== undefined && key !== undefined) {
        const others = (s.auditEndpoints ?? []).filter((k) => k !== key);
        ctx.state = {
          ...ctx.state,
          cluster: configure(ctx.state.cluster, { auditEndpoints: audit ? [...others, key].sort() : others }),
        };
      }
      ctx.io.out(`Endpoint ${id} configuration updated successfully\n`);
      return 0;
    },
  };
}

const config: CommandRow = {
  path: ["cilium-dbg", "config"],
  summary: "Cilium configuration options",
  usage: "cilium-dbg config [<option>=(enable|disable) ...] [flags]",
  flags: [
    { name: "all", short: "a", type: "bool", usage: "Display all cilium configurations" },
    { name: "read-only", short: "r", type: "bool", usage: "Display read only configurations" },
  ],
  run(ctx, f) {
    if (f.args.length > 0) {
      for (const a of f.args) {
        const m = /^PolicyEnforcement=(default|always|never)$/.exec(a);
        if (m)
          ctx.state = {
            ...ctx.state,
            cluster: configure(ctx.state.cluster, { enforcementMode: m[1] as "default" | "always" | "never" }),
          };
        else if (!MUTABLE.some(([k]) => a.startsWith(k + "="))) {
          ctx.io.err(`Error: Invalid option "${a.split("=")[0]}"\n`);
          return 1;
        }
      }
      return 0;
    }
    const line = (k: string, v: string): string => `${k.padEnd(34)}: ${v}\n`;
    const audit = getSettings(ctx.state.cluster).policyAuditMode === true;
    ctx.io.out(
      "##### Read-write configurations #####\n" +
        MUTABLE.map(([k, v]) => line(k, k === "PolicyAuditMode" ? (audit ? "Enabled" : "Disabled") : v)).join("") +
        line("MonitorNumPages", "64") +
        line("PolicyEnforcement", getSettings(ctx.state.cluster).enforcementMode),
    );
    return 0;
  },
};

/**
 * cilium-dbg bpf egress list (cilium-dbg/cmd/bpf_egress_list.go): the egress gateway policy map of this
 * node; tabwriter minwidth 5, padding 3; gateway sentinels printed as `Not Found` / `Excluded CIDR`.
 * JSON keys are the Go field names (no json tags).
 */
function egressList(node: string, word: "list" | "ls"): CommandRow {
  return {
    path: ["cilium-dbg", "bpf", "egress", word],
    summary: "List egress policy entries",
    usage: "cilium-dbg bpf egress list [flags]",
    flags: [OUTPUT],
    run(ctx, f) {
      const entries = egressGatewayEntries(ctx.state.cluster, node);
      if (entries === undefined) {
        ctx.io.err("Cannot find egress gateway bpf maps\n");
        return 0;
      }
      const gateway = (ip: string): string =>
        ip === "0.0.0.0" ? "Not Found" : ip === "0.0.0.1" ? "Excluded CIDR" : ip;
      const rows = entries.map((e) => ({
        SourceIP: e.sourceIP,
        DestCIDR: e.destCIDR,
        EgressIP: e.egressIP,
        GatewayIP: gateway(e.gatewayIP),
      }));
      if (f.values.has("output")) return printOutput(ctx, f, rows);
      if (rows.length === 0) {
        ctx.io.err("No entries found.\n");
        return 0;
      }
      const text =
        "Source IP\tDestination CIDR\tEgress IP\tGateway IP\n" +
        rows.map((r) => `${r.SourceIP}\t${r.DestCIDR}\t${r.EgressIP}\t${r.GatewayIP}\n`).join("");
      ctx.io.out(tabwrite(text, { minwidth: 5, padding: 3 }));
      return 0;
    },
  };
}

/** The agent CLI as a program over one node's agent. */
export function agentProgram(node: string): ProgramSpec {
  return {
    name: "cilium-dbg",
    rows: [
      endpointList(node),
      endpointConfig(node),
      identityList,
      policyGet,
      statusRow(node),
      config,
      egressList(node, "list"),
      egressList(node, "ls"),
    ],
    globalFlags: [{ name: "debug", short: "D", type: "bool", usage: "Enable debug messages" }],
    style: "cobra",
    rootHelp:
      'CLI for interacting with the local Cilium Agent\n\nUsage:\n  cilium-dbg [command]\n\nAvailable Commands:\n  bpf         Direct access to local BPF maps\n  config      Cilium configuration options\n  endpoint    Manage endpoints\n  identity    Manage security identities\n  policy      Manage security policies\n  status      Display status of daemon\n\nUse "cilium-dbg [command] --help" for more information about a command.\n',
  };
}

/** Entry point used by kubectl exec in a Cilium agent pod (`cilium` is the old name of `cilium-dbg`). */
export function agentMain(ctx: Ctx, node: string, argv: readonly string[]): number {
  return runProgram(ctx, agentProgram(node), ["cilium-dbg", ...argv.slice(1)]);
}
