/** kubectl get: tables (with -A, -l, --show-labels, -L, -o wide), -o yaml|json|name, several types, names. */
import type { KObject } from "../cluster/api";
import { boolFlag, flag, type ParsedFlags } from "../flags";
import { KUBECTL_TABLE, tabwrite } from "../printers/tabwriter";
import type { CommandRow, Ctx } from "../types";
import { ALLOWED_FORMATS, OUTPUT_FLAG, namespaceOf, noResources, noSuchType, notFound } from "./common";
import { resolveType, servedResourceTypes, type ResourceType } from "./resources";
import { matches, parseSelector, type Requirement } from "./selector";
import { tableCells } from "./tables";
import { objects as objectsOf } from "../cluster/ops";
import { shellTools } from "#shell-tools";

interface Group {
  readonly type: ResourceType;
  readonly objects: KObject[];
}

const MISSING_TYPE =
  'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples\n';

/** Splits `TYPE[,TYPE] [NAME…]` or `TYPE/NAME…` into requests; reports unknown types. */
function targets(ctx: Ctx, args: readonly string[]): { type: ResourceType; names: string[] }[] | string {
  const out: { type: ResourceType; names: string[] }[] = [];
  const add = (t: ResourceType, name?: string): void => {
    let g = out.find((x) => x.type === t);
    if (!g) out.push((g = { type: t, names: [] }));
    if (name !== undefined) g.names.push(name);
  };
  if ((args[0] ?? "").includes("/")) {
    for (const a of args) {
      const slash = a.indexOf("/");
      if (slash < 0)
        return "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'\n";
      const ts = resolveType(a.slice(0, slash), servedResourceTypes(ctx.state.cluster.settings), (w) => ctx.io.err(w));
      if (!ts || ts.length !== 1) return noSuchType(a.slice(0, slash));
      add(ts[0] as ResourceType, a.slice(slash + 1));
    }
    return out;
  }
  for (const word of (args[0] ?? "").split(",").filter((w) => w !== "")) {
    const ts = resolveType(word, servedResourceTypes(ctx.state.cluster.settings), (w) => ctx.io.err(w));
    if (!ts) return noSuchType(word);
    for (const t of ts) add(t);
  }
  for (const g of out) g.names.push(...args.slice(1));
  return out;
}

function tableFor(
  g: Group,
  f: ParsedFlags,
  now: number,
  allNs: boolean,
  withKind: boolean,
  labelCols: readonly string[],
): string {
  const { header, rows } = tableCells(g.type, g.objects, f, now, allNs, withKind, labelCols);
  const all = boolFlag(f, "no-headers") ? rows : [header, ...rows];
  return tabwrite(all.map((r) => r.join("\t")).join("\n") + "\n", KUBECTL_TABLE);
}

function runGet(ctx: Ctx, f: ParsedFlags): number {
  const out = flag(f, "output");
  if (out !== "" && !["wide", "yaml", "json", "name"].includes(out) && !out.startsWith("jsonpath")) {
    ctx.io.err(
      `error: unable to match a printer suitable for the output format "${out}", allowed formats are: ${ALLOWED_FORMATS}\n`,
    );
    return 1;
  }
  if (f.args.length === 0) {
    ctx.io.err(MISSING_TYPE);
    return 1;
  }
  const req = targets(ctx, f.args);
  if (typeof req === "string") {
    ctx.io.err(req);
    return 1;
  }
  const allNs = boolFlag(f, "all-namespaces");
  const ns = namespaceOf(f, ctx);
  if (allNs && req.some((r) => r.names.length > 0)) {
    ctx.io.err("error: a resource cannot be retrieved by name across all namespaces\n");
    return 1;
  }
  let reqs: readonly Requirement[] = [];
  const sel = f.values.get("selector");
  if (sel !== undefined) {
    const p = parseSelector(sel);
    if (!p.ok) {
      ctx.io.err(`error: ${p.error}\n`);
      return 1;
    }
    reqs = p.reqs;
  }
  const watching = boolFlag(f, "watch");
  if (watching && req.length > 1) {
    ctx.io.err("error: you may only specify a single resource type\n");
    return 1;
  }
  const errors: string[] = [];
  const inScopeOf = (type: ResourceType) => (o: KObject) =>
    !type.namespaced || allNs || (o.metadata.namespace ?? "default") === ns;
  const groups: Group[] = req.map((r) => {
    const inScope = objectsOf(ctx.state.cluster, r.type).filter(inScopeOf(r.type));
    if (r.names.length === 0) return { type: r.type, objects: inScope.filter((o) => matches(reqs, o.metadata.labels)) };
    const objects: KObject[] = [];
    for (const name of r.names) {
      const o = inScope.find((x) => x.metadata.name === name);
      if (o) objects.push(o);
      else errors.push(notFound(r.type, name));
    }
    return { type: r.type, objects: objects.filter((o) => matches(reqs, o.metadata.labels)) };
  });
  const labelCols = (f.all.get("label-columns") ?? []).flatMap((v) => v.split(",")).filter((v) => v !== "");
  if (watching) {
    const r = req[0] as { type: ResourceType; names: string[] };
    for (const e of errors) ctx.io.err(e);
    if (errors.length > 0) return 1;
    // the watch's code arrives with the lab's other tools (../deferred-tools.ts)
    const w = shellTools().startWatch({
      type: r.type,
      names: r.names,
      inScope: inScopeOf(r.type),
      selector: reqs,
      flags: f,
      output: out,
      allNamespaces: allNs,
      labelColumns: labelCols,
    });
    const first = w.print((groups[0] as Group).objects, ctx.now);
    if (!first.ok) {
      ctx.io.err(first.text);
      return 1;
    }
    ctx.io.out(first.text);
    ctx.follow = w.follow(ctx.state.cluster, (groups[0] as Group).objects);
    return 0;
  }
  const found = groups.filter((g) => g.objects.length > 0);
  const single = req.length === 1 && (req[0]?.names.length ?? 0) === 1;
  if (out === "yaml" || out === "json" || out === "name" || out.startsWith("jsonpath")) {
    const objs = found.flatMap((g) => g.objects.map((o) => ({ type: g.type, obj: o })));
    if (!(out === "name" && objs.length === 0) && !(single && objs.length === 0)) {
      // -o yaml|json|name|jsonpath: the printers arrive with the lab's other tools (../deferred-tools.ts)
      const r = shellTools().printObjects(out, objs, single && objs.length === 1);
      if (!r.ok) {
        ctx.io.err(r.error);
        return 1;
      }
      ctx.io.out(r.text);
    }
  } else {
    const withKind = req.length > 1;
    ctx.io.out(found.map((g) => tableFor(g, f, ctx.now, allNs, withKind, labelCols)).join("\n"));
  }
  if (found.length === 0 && errors.length === 0 && (out === "" || out === "wide" || out === "name")) {
    ctx.io.err(
      noResources(
        req.every((r) => r.type.namespaced),
        allNs,
        ns,
      ),
    );
  }
  for (const e of errors) ctx.io.err(e);
  return errors.length > 0 ? 1 : 0;
}

/** The `kubectl get` row. */
export const GET: CommandRow = {
  path: ["kubectl", "get"],
  summary: "Display one or many resources.",
  usage:
    "kubectl get [(-o|--output=)json|yaml|name|wide] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags]",
  args: "types-and-names",
  flags: [
    { name: "all-namespaces", short: "A", type: "bool", usage: "List the requested object(s) across all namespaces." },
    {
      name: "selector",
      short: "l",
      type: "string",
      usage: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.",
    },
    { name: "show-labels", type: "bool", usage: "When printing, show all labels as the last column." },
    {
      name: "label-columns",
      short: "L",
      type: "strings",
      usage: "Accepts a comma separated list of labels that are going to be presented as columns.",
    },
    {
      name: "no-headers",
      type: "bool",
      usage: "When using the default or custom-column output format, don't print headers.",
    },
    {
      name: "watch",
      short: "w",
      type: "bool",
      usage: "After listing/getting the requested object, watch for changes.",
    },
    OUTPUT_FLAG,
  ],
  run: runGet,
};
