/**
 * kubectl exec [-n NS] [-it] [-c CONTAINER] (POD | TYPE/NAME) -- COMMAND… (kubectl pkg/cmd/exec/exec.go):
 * the remote exit code passes through, with `command terminated with exit code N` on stderr.
 */
import { agentMain } from "../cilium/dbg";
import type { KObject } from "../cluster/api";
import { boolFlag, type ParsedFlags } from "../flags";
import { runRemote } from "../remote";
import type { Ctx } from "../types";
import { arr, str } from "./access";
import { namespaceOf, notFound } from "./common";
import { byPlural } from "./resources";
import { objects } from "../cluster/ops";

const PODS = byPlural("pods");

const USAGE_HINT = "See 'kubectl exec -h' for help and examples\n";

/** Resolves `xwing`, `pod/xwing`, `ds/cilium`, `deploy/deathstar`, `svc/deathstar` to one pod (first by name). */
export function resolvePod(ctx: Ctx, ns: string, target: string): KObject | string {
  const pods = objects(ctx.state.cluster, PODS).filter((p) => p.metadata.namespace === ns);
  const slash = target.indexOf("/");
  if (slash < 0) return pods.find((p) => p.metadata.name === target) ?? notFound(PODS, target);
  const kind = target.slice(0, slash).toLowerCase();
  const name = target.slice(slash + 1);
  const owned = (ownerKind: string): KObject[] =>
    pods.filter((p) =>
      arr(p, "metadata.ownerReferences").some(
        (o) =>
          str(o, "kind") === ownerKind &&
          (str(o, "name") === name || (ownerKind === "ReplicaSet" && str(o, "name").startsWith(name + "-"))),
      ),
    );
  let hits: KObject[];
  let missing: string;
  if (["po", "pod", "pods"].includes(kind)) return pods.find((p) => p.metadata.name === name) ?? notFound(PODS, name);
  if (["ds", "daemonset", "daemonsets"].includes(kind)) {
    hits = owned("DaemonSet");
    if (hits.length === 0 && name === "cilium") hits = pods.filter((p) => p.metadata.labels?.["k8s-app"] === "cilium");
    missing = `Error from server (NotFound): daemonsets.apps "${name}" not found\n`;
  } else if (["deploy", "deployment", "deployments"].includes(kind)) {
    hits = [...owned("Deployment"), ...owned("ReplicaSet")];
    missing = `Error from server (NotFound): deployments.apps "${name}" not found\n`;
  } else if (["svc", "service", "services"].includes(kind)) {
    const svc = objects(ctx.state.cluster, byPlural("services")).find(
      (s) => s.metadata.namespace === ns && s.metadata.name === name,
    );
    if (!svc) return `Error from server (NotFound): services "${name}" not found\n`;
    const sel = Object.entries((svc.spec as { selector?: Record<string, string> } | undefined)?.selector ?? {});
    hits = pods.filter((p) => sel.length > 0 && sel.every(([k, v]) => p.metadata.labels?.[k] === v));
    missing = `error: cannot attach to *v1.Service: invalid service '${name}': Service is defined without a selector\n`;
  } else return `error: the server doesn't have a resource type "${kind}"\n`;
  const first = [...hits].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1))[0];
  return first ?? missing;
}

/** The Cilium agent pod's init containers in a 1.20 install (what kubectl lists after "Defaulted container"). */
const CILIUM_INIT = [
  "config",
  "mount-cgroup",
  "apply-sysctl-overwrites",
  "mount-bpf-fs",
  "clean-cilium-state",
  "install-cni-binaries",
];

function containerNames(pod: KObject): { main: string[]; init: string[] } {
  const main = arr(pod, "spec.containers").map((c) => str(c, "name"));
  const init = arr(pod, "spec.initContainers").map((c) => str(c, "name"));
  // scenarios model the agent with its main container only; the real pod always has these
  if (init.length === 0 && pod.metadata.labels?.["k8s-app"] === "cilium" && main.includes("cilium-agent"))
    return { main, init: CILIUM_INIT };
  return { main, init };
}

export function runExec(ctx: Ctx, f: ParsedFlags): number {
  const before = f.dashAt < 0 ? f.args : f.args.slice(0, f.dashAt);
  const command = f.dashAt < 0 ? [] : f.args.slice(f.dashAt);
  if (before.length === 0) {
    ctx.io.err(
      `error: expected 'exec POD_NAME COMMAND [ARG1] [ARG2] ... [ARGN]'.\nPOD or TYPE/NAME is a required argument for the exec command\n${USAGE_HINT}`,
    );
    return 1;
  }
  if (before.length > 1) {
    ctx.io.err(
      `error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\n${USAGE_HINT}`,
    );
    return 1;
  }
  if (command.length === 0) {
    ctx.io.err("error: you must specify at least one command for the container\n");
    return 1;
  }
  const ns = namespaceOf(f, ctx);
  const pod = resolvePod(ctx, ns, before[0] as string);
  if (typeof pod === "string") {
    ctx.io.err(pod);
    return 1;
  }
  const { main, init } = containerNames(pod);
  const wanted = f.values.get("container");
  if (wanted !== undefined && !main.includes(wanted)) {
    ctx.io.err(`error: unable to upgrade connection: container not found ("${wanted}")\n`);
    return 1;
  }
  const container = wanted ?? pod.metadata.annotations?.["kubectl.kubernetes.io/default-container"] ?? main[0] ?? "";
  if (wanted === undefined && main.length + init.length > 1 && !boolFlag(f, "quiet")) {
    ctx.io.err(
      `Defaulted container "${container}" out of: ${[...main, ...init.map((i) => `${i} (init)`)].join(", ")}\n`,
    );
  }
  const isAgent = container === "cilium-agent" || pod.metadata.labels?.["k8s-app"] === "cilium";
  const hostNetwork = (pod.spec as { hostNetwork?: boolean } | undefined)?.hostNetwork === true;
  const node = str(pod, "spec.nodeName");
  const code = runRemote(
    ctx,
    {
      origin: hostNetwork ? { kind: "node", name: node } : { kind: "pod", namespace: ns, name: pod.metadata.name },
      tty: boolFlag(f, "tty"),
      hostname: hostNetwork ? node : pod.metadata.name,
      ...(isAgent ? { agent: (c: Ctx, argv: readonly string[]) => agentMain(c, node, argv) } : {}),
    },
    command,
  );
  if (code !== 0) ctx.io.err(`command terminated with exit code ${code}\n`);
  return code;
}
