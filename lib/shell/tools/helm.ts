/**
 * helm upgrade cilium cilium/cilium -n kube-system [--reuse-values] --set k=v[,k=v]: the chart values that map
 * to the lab's settings are hostFirewall.enabled, policyEnforcementMode, egressGateway.enabled, policyAuditMode and policyDenyResponse. Without --reuse-values, helm
 * resets every value not given to the chart default — a real trap, kept.
 */
import type { ProgramSpec } from "../cobra";
import type { EnforcementMode } from "../cluster/api";
import { boolFlag, flag } from "../flags";
import type { CommandRow } from "../types";
import { CILIUM_VERSION } from "../kubectl/constants";
import { getSettings } from "@/lib/cluster";
import {
  DEFAULT_DROP_EVENT_REASONS,
  parseCidrMatchMode,
  parseDropEventReasons,
  type CidrMatchMode,
} from "@/lib/engine";
import { configure } from "../cluster/ops";

/** helm strvals: `a=1,b={x,y}` → `a=1`, `b={x,y}` (a list's commas stay inside its braces). */
function splitSetPairs(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = "";
  for (const ch of s) {
    if (ch === "{") depth++;
    if (ch === "}") depth = Math.max(0, depth - 1);
    if (ch === "," && depth === 0) {
      if (cur !== "") out.push(cur);
      cur = "";
    } else cur += ch;
  }
  if (cur !== "") out.push(cur);
  return out;
}

const upgrade: CommandRow = {
  path: ["helm", "upgrade"],
  summary: "upgrade a release",
  usage: "helm upgrade [RELEASE] [CHART] [flags]",
  flags: [
    {
      name: "reuse-values",
      type: "bool",
      usage: "when upgrading, reuse the last release's values and merge in any overrides from the command line",
    },
    {
      name: "set",
      // Split below like helm's strvals parser: commas separate pairs, except inside a `{a,b}` list.
      type: "string",
      usage:
        "set values on the command line (can specify multiple or separate values with commas: key1=val1,key2=val2)",
    },
    { name: "version", type: "string", usage: "specify a version constraint for the chart version to use" },
    {
      name: "install",
      short: "i",
      type: "bool",
      usage: "if a release by this name doesn't already exist, run an install",
    },
    { name: "wait", type: "bool", usage: "wait until all resources are ready" },
    {
      name: "values",
      short: "f",
      type: "strings",
      usage: "specify values in a YAML file or a URL (can specify multiple)",
    },
  ],
  run(ctx, f) {
    const [release, chart] = f.args;
    if (release === undefined || chart === undefined) {
      ctx.io.err(`Error: "helm upgrade" requires 2 arguments\n\nUsage:  helm upgrade [RELEASE] [CHART] [flags]\n`);
      return 1;
    }
    const ns = flag(f, "namespace", "default");
    if (release !== "cilium" || ns !== "kube-system") {
      ctx.io.err(`Error: UPGRADE FAILED: "${release}" has no deployed releases\n`);
      return 1;
    }
    if (chart !== "cilium/cilium") {
      ctx.io.err(`Error: repo ${chart.split("/")[0]} not found\n`);
      return 1;
    }
    const current = getSettings(ctx.state.cluster);
    // Per-endpoint options (cilium-dbg endpoint config) are agent state, not Helm values: they survive.
    const next: {
      enforcementMode: EnforcementMode;
      hostFirewall: boolean;
      egressGateway: boolean;
      policyAuditMode?: boolean;
      policyDenyResponse?: "none" | "icmp";
      policyCidrMatchMode?: CidrMatchMode;
      nodeSelectorLabels?: boolean;
      hubbleDropEvents?: boolean;
      hubbleDropEventsReasons?: string;
      clusterNetworkPolicy?: boolean;
    } = boolFlag(f, "reuse-values")
      ? { ...current }
      : {
          enforcementMode: "default",
          hostFirewall: false,
          egressGateway: false,
          policyAuditMode: false,
          policyDenyResponse: "none",
          policyCidrMatchMode: "",
          nodeSelectorLabels: false,
          hubbleDropEvents: false,
          hubbleDropEventsReasons: DEFAULT_DROP_EVENT_REASONS,
          clusterNetworkPolicy: false,
        };
    for (const kv of (f.all.get("set") ?? []).flatMap(splitSetPairs)) {
      const [k, v] = kv.split("=");
      if (v === undefined) {
        ctx.io.err(`Error: failed parsing --set data: key "${k}" has no value\n`);
        return 1;
      }
      if (k === "hostFirewall.enabled") next.hostFirewall = v === "true";
      if (k === "egressGateway.enabled") next.egressGateway = v === "true";
      // values.yaml `policyAuditMode`; the audit-mode guide writes it as config.policyAuditMode.
      if (k === "policyAuditMode" || k === "config.policyAuditMode") next.policyAuditMode = v === "true";
      if (k === "policyDenyResponse") {
        if (v !== "none" && v !== "icmp") {
          ctx.io.err(
            `Error: UPGRADE FAILED: values don't meet the specifications of the schema(s) in the following chart(s):\ncilium:\n- policyDenyResponse: policyDenyResponse must be one of the following: "none", "icmp"\n\n`,
          );
          return 1;
        }
        next.policyDenyResponse = v;
      }
      // values.yaml `policyCIDRMatchMode` is a list: `--set policyCIDRMatchMode=nodes` or `={nodes}`.
      if (k === "nodeSelectorLabels") next.nodeSelectorLabels = v === "true";
      if (k === "hubble.dropEventEmitter.enabled") next.hubbleDropEvents = v === "true";
      // values.yaml hubble.dropEventEmitter.reasons is a list: `={policy_denied,policy_deny}`.
      if (k === "hubble.dropEventEmitter.reasons") next.hubbleDropEventsReasons = parseDropEventReasons(v);
      if (k === "k8sClusterNetworkPolicy.enabled") next.clusterNetworkPolicy = v === "true";
      if (k === "policyCIDRMatchMode") {
        const mode = parseCidrMatchMode(v);
        if (mode === undefined) {
          ctx.io.err(
            `Error: UPGRADE FAILED: values don't meet the specifications of the schema(s) in the following chart(s):\ncilium:\n- policyCIDRMatchMode.0: policyCIDRMatchMode.0 must be one of the following: "nodes", "pods"\n\n`,
          );
          return 1;
        }
        next.policyCidrMatchMode = mode;
      }
      if (k === "policyEnforcementMode") {
        if (v !== "default" && v !== "always" && v !== "never") {
          ctx.io.err(
            `Error: UPGRADE FAILED: values don't meet the specifications of the schema(s) in the following chart(s):\ncilium:\n- policyEnforcementMode: policyEnforcementMode must be one of the following: "default", "always", "never"\n\n`,
          );
          return 1;
        }
        next.enforcementMode = v;
      }
    }
    ctx.state = { ...ctx.state, cluster: configure(ctx.state.cluster, next) };
    const revision = (ctx.state.counters["helm-cilium"] ?? 1) + 1;
    ctx.state = { ...ctx.state, counters: { ...ctx.state.counters, "helm-cilium": revision } };
    const d = new Date(ctx.now);
    const when = d
      .toUTCString()
      .replace(
        /^(\w+), (\d+) (\w+) (\d+) ([\d:]+) GMT$/,
        (_m, wd: string, day: string, mon: string, y: string, t: string) =>
          `${wd} ${mon} ${String(Number(day)).padStart(2)} ${t} ${y}`,
      );
    ctx.io.out(
      `Release "cilium" has been upgraded. Happy Helming!\nNAME: cilium\nLAST DEPLOYED: ${when}\nNAMESPACE: kube-system\nSTATUS: deployed\nREVISION: ${revision}\nTEST SUITE: None\nNOTES:\nYou have successfully installed Cilium with Hubble Relay.\n\nYour release version is ${CILIUM_VERSION}.\n\nFor any further help, visit https://docs.cilium.io/en/v1.20/gettinghelp\n`,
    );
    return 0;
  },
};

/** The helm program (only what labs use). */
export const HELM: ProgramSpec = {
  name: "helm",
  rows: [upgrade],
  globalFlags: [
    { name: "namespace", short: "n", type: "string", usage: "namespace scope for this request" },
    { name: "kube-context", type: "string", usage: "name of the kubeconfig context to use" },
  ],
  style: "helm",
  rootHelp:
    'The Kubernetes package manager\n\nUsage:\n  helm [command]\n\nAvailable Commands:\n  upgrade     upgrade a release\n\nUse "helm [command] --help" for more information about a command.\n',
};
