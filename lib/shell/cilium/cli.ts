/**
 * The cilium CLI on the workstation (cilium-cli): status, config view, config set, version. Settings map to
 * the cilium-config ConfigMap keys enable-policy, enable-host-firewall, enable-ipv4-egress-gateway, policy-audit-mode and policy-deny-response
 * (pkg/option/config.go).
 */
import type { ProgramSpec } from "../cobra";
import type { EnforcementMode } from "../cluster/api";
import { tabwrite } from "../printers/tabwriter";
import type { CommandRow, Ctx } from "../types";
import { connectivityTest } from "./connectivity";
import { CILIUM_VERSION, cliStatus } from "./status";
import { ciliumConfig } from "@/lib/cluster";
import { parseCidrMatchMode, parseDropEventReasons, type CidrMatchMode } from "@/lib/engine";
import { configure } from "../cluster/ops";

/** The cilium-config ConfigMap (lib/cluster ciliumConfig: derived from the scenario and the live settings). */
export function configMap(ctx: Ctx): Record<string, string> {
  return ciliumConfig(ctx.state.cluster);
}

const KNOWN: Readonly<
  Record<
    string,
    (v: string) =>
      | Partial<{
          enforcementMode: EnforcementMode;
          hostFirewall: boolean;
          egressGateway: boolean;
          policyAuditMode: boolean;
          policyDenyResponse: "none" | "icmp";
          policyCidrMatchMode: CidrMatchMode;
          nodeSelectorLabels: boolean;
          hubbleDropEvents: boolean;
          hubbleDropEventsReasons: string;
          clusterNetworkPolicy: boolean;
        }>
      | undefined
  >
> = {
  "policy-deny-response": (v) => (v === "none" || v === "icmp" ? { policyDenyResponse: v } : undefined),
  "policy-audit-mode": (v) => (v === "true" || v === "false" ? { policyAuditMode: v === "true" } : undefined),
  // A string slice in the agent: nodes, and from 1.20 pods (pkg/option: policy-cidr-match-mode).
  "policy-cidr-match-mode": (v) => {
    const mode = parseCidrMatchMode(v);
    return mode === undefined ? undefined : { policyCidrMatchMode: mode };
  },
  "enable-node-selector-labels": (v) =>
    v === "true" || v === "false" ? { nodeSelectorLabels: v === "true" } : undefined,
  "hubble-drop-events": (v) => (v === "true" || v === "false" ? { hubbleDropEvents: v === "true" } : undefined),
  "hubble-drop-events-reasons": (v) => ({ hubbleDropEventsReasons: parseDropEventReasons(v) }),
  "enable-k8s-cluster-network-policy": (v) =>
    v === "true" || v === "false" ? { clusterNetworkPolicy: v === "true" } : undefined,
  "enable-policy": (v) => (v === "default" || v === "always" || v === "never" ? { enforcementMode: v } : undefined),
  "enable-host-firewall": (v) => (v === "true" || v === "false" ? { hostFirewall: v === "true" } : undefined),
  "enable-ipv4-egress-gateway": (v) => (v === "true" || v === "false" ? { egressGateway: v === "true" } : undefined),
};

const status: CommandRow = {
  path: ["cilium", "status"],
  summary: "Display status",
  usage: "cilium status [flags]",
  flags: [
    { name: "wait", type: "bool", usage: "Wait for status to report success (no errors and warnings)" },
    { name: "brief", type: "bool", usage: "Print only a one-liner" },
  ],
  run(ctx, f) {
    ctx.io.out(f.values.get("brief") === "true" ? "OK\n" : cliStatus(ctx));
    return 0;
  },
};

const view: CommandRow = {
  path: ["cilium", "config", "view"],
  summary: "View current configuration",
  usage: "cilium config view [flags]",
  flags: [],
  run(ctx) {
    const cm = configMap(ctx);
    ctx.io.out(
      tabwrite(
        Object.keys(cm)
          .sort()
          .map((k) => `${k}\t${cm[k]}\n`)
          .join(""),
        { minwidth: 0, padding: 4 },
      ),
    );
    return 0;
  },
};

const set: CommandRow = {
  path: ["cilium", "config", "set"],
  summary: "Set a key and value",
  usage: "cilium config set KEY VALUE [flags]",
  flags: [{ name: "restart", short: "r", type: "bool", usage: "Restart Cilium pods (default true)" }],
  run(ctx, f) {
    const [key, value, ...extra] = f.args;
    if (key === undefined || value === undefined || extra.length > 0) {
      ctx.io.err(`Error: accepts 2 arg(s), received ${f.args.length}\n`);
      return 1;
    }
    ctx.io.out(`✨ Patching ConfigMap cilium-config with ${key}=${value}...\n`);
    const change = KNOWN[key]?.(value);
    if (change) ctx.state = { ...ctx.state, cluster: configure(ctx.state.cluster, change) };
    // The lab's settings apply at once, restart or not (no stale-config state to model). The agent pods
    // keep their names: lessons address them by name after `cilium config set` (a real restart renames them).
    ctx.io.out(
      f.values.get("restart") === "false"
        ? "⚠️  Restart Cilium pods for configmap changes to take effect\n"
        : "♻️  Restarted Cilium pods\n",
    );
    return 0;
  },
};

const version: CommandRow = {
  path: ["cilium", "version"],
  summary: "Display detailed version information",
  usage: "cilium version [flags]",
  flags: [{ name: "client", type: "bool", usage: "Only print the client version" }],
  run(ctx) {
    ctx.io.out(
      `cilium-cli: v0.19.0 compiled with go1.25.4 on linux/amd64\ncilium image (default): v${CILIUM_VERSION}\ncilium image (stable): v${CILIUM_VERSION}\ncilium image (running): ${CILIUM_VERSION}\n`,
    );
    return 0;
  },
};

const connectivity: CommandRow = {
  path: ["cilium", "connectivity", "test"],
  summary: "Validate connectivity in cluster",
  usage: "cilium connectivity test [flags]",
  flags: [
    {
      name: "test",
      type: "strings",
      usage:
        "Run tests that match one of the given regular expressions, skip tests by starting the expression with '!', target Scenarios with e.g. '/pod-to-cidr'",
    },
    { name: "verbose", short: "v", type: "bool", usage: "Show informational messages and don't buffer any lines" },
  ],
  run: (ctx) => connectivityTest(ctx),
};

/**
 * `cilium hubble port-forward` makes Hubble Relay reachable on localhost:4245. The lab's hubble needs no
 * Relay and no port-forward (lesson 11: "In this lab it just works"), so it says that instead of pretending.
 */
const portForward: CommandRow = {
  path: ["cilium", "hubble", "port-forward"],
  summary: "Forward the relay port to the local machine",
  usage: "cilium hubble port-forward [flags]",
  flags: [{ name: "port-forward", type: "int", usage: "Local port to forward to (default 4245)" }],
  run(ctx) {
    ctx.io.out(
      "ℹ️  Not needed in this lab: hubble observe reaches the agents' flows directly, without Hubble Relay or a port-forward.\n   On a real cluster this command keeps running and makes Relay available at 127.0.0.1:4245.\n",
    );
    return 0;
  },
};

/** The cilium-cli program. */
export const CILIUM_CLI: ProgramSpec = {
  name: "cilium",
  rows: [status, view, set, version, connectivity, portForward],
  globalFlags: [
    { name: "namespace", short: "n", type: "string", usage: "Namespace Cilium is running in" },
    { name: "context", type: "string", usage: "Kubernetes configuration context" },
  ],
  style: "cobra",
  rootHelp:
    'CLI to install, manage, & troubleshooting Cilium clusters running Kubernetes.\n\nUsage:\n  cilium [command]\n\nAvailable Commands:\n  config       Manage Configuration\n  connectivity Connectivity troubleshooting\n  hubble       Hubble observability\n  status       Display status\n  version      Display detailed version information\n\nUse "cilium [command] --help" for more information about a command.\n',
};
