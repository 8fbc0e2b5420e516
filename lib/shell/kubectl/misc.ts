/** kubectl api-resources, version, config current-context / get-contexts, cluster-info (declared in ./commands.ts). */
import { flag, type ParsedFlags } from "../flags";
import { KUBECTL_TABLE, tabwrite } from "../printers/tabwriter";
import type { Ctx } from "../types";
import { qualifiedPlural, RESOURCES, servedResourceTypes } from "./resources";

/** The kind cluster's names (kind's defaults: context and cluster `kind-kind`). */
export const KUBE_CONTEXT = "kind-kind";
import { KUBERNETES_VERSION as KUBE_VERSION } from "./constants";

export function runApiResources(ctx: Ctx, f: ParsedFlags): number {
  const ns = f.values.get("namespaced");
  const group = f.values.get("api-group");
  const served = servedResourceTypes(ctx.state.cluster.settings);
  const list = RESOURCES.filter(
    (r) =>
      served.includes(r) &&
      (ns === undefined || String(r.namespaced) === ns) &&
      (group === undefined || r.group === group),
  );
  if (flag(f, "output") === "name") {
    ctx.io.out(list.map((r) => qualifiedPlural(r) + "\n").join(""));
    return 0;
  }
  const rows = list.map((r) => [r.plural, r.shortNames.join(","), r.apiVersion, String(r.namespaced), r.kind]);
  const header = ["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"];
  ctx.io.out(
    tabwrite(
      [...(f.values.get("no-headers") === "true" ? [] : [header]), ...rows].map((r) => r.join("\t")).join("\n") + "\n",
      KUBECTL_TABLE,
    ),
  );
  return 0;
}

export function runVersion(ctx: Ctx, f: ParsedFlags): number {
  ctx.io.out(
    `Client Version: ${KUBE_VERSION}\nKustomize Version: v5.7.1\n${f.values.get("client") === "true" ? "" : `Server Version: ${KUBE_VERSION}\n`}`,
  );
  return 0;
}

export function runCurrentContext(ctx: Ctx): number {
  ctx.io.out(KUBE_CONTEXT + "\n");
  return 0;
}

export function runGetContexts(ctx: Ctx, f: ParsedFlags): number {
  if (flag(f, "output") === "name") ctx.io.out(KUBE_CONTEXT + "\n");
  else
    ctx.io.out(
      tabwrite(
        `CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE\n*\t${KUBE_CONTEXT}\t${KUBE_CONTEXT}\t${KUBE_CONTEXT}\t\n`,
        KUBECTL_TABLE,
      ),
    );
  return 0;
}

export function runClusterInfo(ctx: Ctx): number {
  ctx.io.out(
    "\x1b[0;32mKubernetes control plane\x1b[0m is running at \x1b[0;33mhttps://127.0.0.1:40917\x1b[0m\n\x1b[0;32mCoreDNS\x1b[0m is running at \x1b[0;33mhttps://127.0.0.1:40917/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\x1b[0m\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n".replace(
      ctx.deps.tty ? /$^/ : /\x1b\[[0-9;]*m/g,
      "",
    ),
  );
  return 0;
}
