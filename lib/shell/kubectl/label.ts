/** kubectl label TYPE NAME… k=v [k2-] [--overwrite] [-l sel | --all] (kubectl pkg/cmd/label/label.go). */
import { boolFlag, type ParsedFlags } from "../flags";
import type { CommandRow, Ctx } from "../types";
import { printWrite } from "./apply";
import { namespaceOf } from "./common";

function runLabel(ctx: Ctx, f: ParsedFlags): number {
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
  const r = ctx.state.cluster.relabel({ type, names, namespace: namespaceOf(f, ctx), labels, overwrite: boolFlag(f, "overwrite"), ...(selector !== undefined ? { selector } : {}), all });
  ctx.state = { ...ctx.state, cluster: r.cluster };
  return printWrite(ctx, r);
}

/** The `kubectl label` row. */
export const LABEL: CommandRow = {
  path: ["kubectl", "label"],
  summary: "Update the labels on a resource.",
  usage: "kubectl label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]",
  args: "types-and-names",
  flags: [
    { name: "overwrite", type: "bool", usage: "If true, allow labels to be overwritten, otherwise reject label updates that overwrite existing labels." },
    { name: "selector", short: "l", type: "string", usage: "Selector (label query) to filter on." },
    { name: "all", type: "bool", usage: "Select all resources, in the namespace of the specified resource types" },
  ],
  run: runLabel,
};
