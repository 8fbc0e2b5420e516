/** kubectl api-resources, version, config current-context / get-contexts, cluster-info. */
import { flag } from "../flags";
import { KUBECTL_TABLE, tabwrite } from "../printers/tabwriter";
import type { CommandRow } from "../types";
import { qualifiedPlural, RESOURCES } from "./resources";

/** The kind cluster's names (kind's defaults: context and cluster `kind-kind`). */
export const KUBE_CONTEXT = "kind-kind";
import { KUBERNETES_VERSION as KUBE_VERSION } from "./constants";

const apiResources: CommandRow = {
  path: ["kubectl", "api-resources"],
  summary: "Print the supported API resources on the server.",
  usage: "kubectl api-resources [flags] [options]",
  args: "none",
  flags: [
    { name: "namespaced", type: "string", usage: "If false, non-namespaced resources will be returned, otherwise returning namespaced resources by default." },
    { name: "api-group", type: "string", usage: "Limit to resources in the specified API group." },
    { name: "no-headers", type: "bool", usage: "When using the default or custom-column output format, don't print headers (default print headers)." },
    { name: "output", short: "o", type: "string", usage: "Output format. One of: (wide, name)." },
  ],
  run(ctx, f) {
    const ns = f.values.get("namespaced");
    const group = f.values.get("api-group");
    const list = RESOURCES.filter((r) => (ns === undefined || String(r.namespaced) === ns) && (group === undefined || r.group === group));
    if (flag(f, "output") === "name") {
      ctx.io.out(list.map((r) => qualifiedPlural(r) + "\n").join(""));
      return 0;
    }
    const rows = list.map((r) => [r.plural, r.shortNames.join(","), r.apiVersion, String(r.namespaced), r.kind]);
    const header = ["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"];
    ctx.io.out(tabwrite([...(f.values.get("no-headers") === "true" ? [] : [header]), ...rows].map((r) => r.join("\t")).join("\n") + "\n", KUBECTL_TABLE));
    return 0;
  },
};

const version: CommandRow = {
  path: ["kubectl", "version"],
  summary: "Print the client and server version information.",
  usage: "kubectl version [flags] [options]",
  args: "none",
  flags: [{ name: "client", type: "bool", usage: "If true, shows client version only (no server required)." }, { name: "output", short: "o", type: "string", usage: "One of 'yaml' or 'json'." }],
  run(ctx, f) {
    ctx.io.out(`Client Version: ${KUBE_VERSION}\nKustomize Version: v5.7.1\n${f.values.get("client") === "true" ? "" : `Server Version: ${KUBE_VERSION}\n`}`);
    return 0;
  },
};

const currentContext: CommandRow = {
  path: ["kubectl", "config", "current-context"],
  summary: "Display the current-context.",
  usage: "kubectl config current-context [options]",
  args: "none",
  flags: [],
  run(ctx) {
    ctx.io.out(KUBE_CONTEXT + "\n");
    return 0;
  },
};

const getContexts: CommandRow = {
  path: ["kubectl", "config", "get-contexts"],
  summary: "Describe one or many contexts.",
  usage: "kubectl config get-contexts [(-o|--output=)name)] [options]",
  args: "none",
  flags: [{ name: "output", short: "o", type: "string", usage: "Output format. One of: (name)." }],
  run(ctx, f) {
    if (flag(f, "output") === "name") ctx.io.out(KUBE_CONTEXT + "\n");
    else ctx.io.out(tabwrite(`CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE\n*\t${KUBE_CONTEXT}\t${KUBE_CONTEXT}\t${KUBE_CONTEXT}\t\n`, KUBECTL_TABLE));
    return 0;
  },
};

const clusterInfo: CommandRow = {
  path: ["kubectl", "cluster-info"],
  summary: "Display cluster information.",
  usage: "kubectl cluster-info [flags] [options]",
  args: "none",
  flags: [],
  run(ctx) {
    ctx.io.out(
      "\x1b[0;32mKubernetes control plane\x1b[0m is running at \x1b[0;33mhttps://127.0.0.1:40917\x1b[0m\n\x1b[0;32mCoreDNS\x1b[0m is running at \x1b[0;33mhttps://127.0.0.1:40917/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\x1b[0m\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n".replace(
        ctx.deps.tty ? /$^/ : /\x1b\[[0-9;]*m/g,
        "",
      ),
    );
    return 0;
  },
};

const EDIT_HINT = "edit the YAML in the Editor tab (or cat > file <<EOF), then kubectl apply -f it";

/** Real kubectl commands this lab does not simulate, with what to do instead (never a silent failure). */
const NOT_IN_LAB: Readonly<Record<string, string>> = {
  logs: "the lab's pods keep no logs; hubble observe shows their traffic",
  edit: EDIT_HINT,
  patch: EDIT_HINT,
  replace: EDIT_HINT,
  annotate: "annotations do not change policy; kubectl label changes labels",
  run: "the lab's workloads come from the scenario; kubectl apply -f a Pod manifest instead",
  expose: "kubectl apply -f a Service manifest instead",
  scale: "the lab's workloads have a fixed size",
  "port-forward": "the lab has no network to your machine; use kubectl exec POD -- curl …",
  proxy: "the lab has no network to your machine; use kubectl exec POD -- curl …",
  explain: "kubectl get KIND NAME -o yaml shows a whole object",
  top: "resource metrics are not simulated",
  cp: "files live in ~ on this machine; pods have no file system in the lab",
  attach: "use kubectl exec POD -- COMMAND",
  debug: "use kubectl exec POD -- COMMAND",
  cordon: "scheduling is not simulated",
  uncordon: "scheduling is not simulated",
  drain: "scheduling is not simulated",
  taint: "scheduling is not simulated",
  wait: "everything in the lab is ready at once",
  diff: "kubectl apply --dry-run=client -f FILE shows what would change",
  events: "the lab records no events; hubble observe shows traffic",
  auth: "RBAC is not simulated: you are cluster-admin",
};

const notInLab = (name: string, hint: string): CommandRow => ({
  path: ["kubectl", name],
  summary: `(not available in this lab: ${hint})`,
  usage: `kubectl ${name}`,
  rawArgs: true,
  flags: [],
  run(ctx) {
    ctx.io.err(`error: "kubectl ${name}" is not available in this lab — ${hint}\n`);
    return 1;
  },
});

/** The informational kubectl rows, and the polite refusals. */
export const MISC_COMMANDS: readonly CommandRow[] = [apiResources, version, currentContext, getContexts, clusterInfo, ...Object.entries(NOT_IN_LAB).map(([n, h]) => notInLab(n, h))];
