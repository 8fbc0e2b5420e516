/** kubectl label TYPE NAME… k=v [k2-] [--overwrite] [-l sel | --all] (kubectl pkg/cmd/label/label.go). */
import { boolFlag, type ParsedFlags } from "../flags";
import type { Ctx } from "../types";
import { printWrite } from "./apply";
import { namespaceOf } from "./common";
import { relabel } from "../cluster/ops";

export function runLabel(ctx: Ctx, f: ParsedFlags): number {
  const resources: string[] = [];
  const labels: string[] = [];
  for (const a of f.args) {
    if (a.includes("=") || (a.endsWith("-") && resources.length > 0 && a.length > 1)) labels.push(a);
    else resources.push(a);
  }
  if (labels.length === 0) {
    ctx.io.err("error: at least one label update is required\n");
    return 1;
  }
  if (resources.length === 0) {
    ctx.io.err("error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n");
    return 1;
  }
  const selector = f.values.get("selector");
  const all = boolFlag(f, "all");
  let type: string;
  let names: string[];
  if ((resources[0] as string).includes("/")) {
    type = (resources[0] as string).slice(0, (resources[0] as string).indexOf("/"));
    names = resources.map((r) => r.slice(r.indexOf("/") + 1));
  } else {
    type = resources[0] as string;
    names = resources.slice(1);
    if (names.length === 0 && selector === undefined && !all) {
      ctx.io.err("error: resource(s) were provided, but no name was specified\n");
      return 1;
    }
  }
  const r = relabel(ctx.state.cluster, {
    type,
    names,
    namespace: namespaceOf(f, ctx),
    labels,
    overwrite: boolFlag(f, "overwrite"),
    ...(selector !== undefined ? { selector } : {}),
    all,
  });
  ctx.state = { ...ctx.state, cluster: r.cluster };
  return printWrite(ctx, r);
}
