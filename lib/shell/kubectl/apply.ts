/**
 * kubectl apply / create / delete: read -f sources (files, directories, `-`, the demo URLs), hand the text to
 * the cluster, print its outcome lines (stdout) and errors (stderr) in order (CLI-FORMATS §6, §7).
 */
import type { WriteResult } from "../cluster/api";
import { boolFlag, flag, type ParsedFlags } from "../flags";
import type { Ctx } from "../types";
import { namespaceOf } from "./common";
import { resolveType, servedResourceTypes } from "./resources";
import { readSources } from "./manifest";
import { remove, removeTexts, write } from "../cluster/ops";

/** Prints a write's lines; `suffix` marks dry runs. Returns the exit code. */
export function printWrite(ctx: Ctx, r: WriteResult, suffix = ""): number {
  for (const l of r.lines) {
    if (l.fd === 1)
      ctx.io.out(
        suffix && / (created|configured|unchanged|deleted[^\n]*)\n$/.test(l.text)
          ? l.text.replace(/\n$/, `${suffix}\n`)
          : l.text,
      );
    else ctx.io.err(l.text);
  }
  return r.ok ? 0 : 1;
}

export function writeCommand(mode: "apply" | "create" | "delete"): (ctx: Ctx, f: ParsedFlags) => number {
  return (ctx, f) => {
    const files = f.all.get("filename") ?? [];
    if (files.length === 0) {
      if (mode === "delete") return deleteByName(ctx, f);
      ctx.io.err("error: must specify one of -f and -k\n");
      return 1;
    }
    const read = readSources(ctx, files);
    if ("error" in read) {
      ctx.io.err(read.error);
      return 1;
    }
    // An explicit -n is enforced on every document (kubectl's RequireNamespace); the cluster does it.
    const opts = f.values.has("namespace") ? { namespace: namespaceOf(f, ctx) } : {};
    const dryRun = flag(f, "dry-run", "none");
    const r =
      mode === "delete"
        ? removeTexts(ctx.state.cluster, read.texts, opts)
        : write(ctx.state.cluster, mode, read.texts, opts);
    if (dryRun === "none") ctx.state = { ...ctx.state, cluster: r.cluster };
    return printWrite(ctx, r, dryRun === "client" ? " (dry run)" : dryRun === "server" ? " (server dry run)" : "");
  };
}

/** kubectl delete TYPE NAME… | TYPE/NAME… | TYPE -l sel | TYPE --all */
function deleteByName(ctx: Ctx, f: ParsedFlags): number {
  const args = f.args;
  if (args.length === 0) {
    ctx.io.err(
      "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
    );
    return 1;
  }
  const ns = namespaceOf(f, ctx);
  const selector = f.values.get("selector");
  const all = boolFlag(f, "all");
  const allNamespaces = boolFlag(f, "all-namespaces");
  let exit = 0;
  const groups: { type: string; names: string[] }[] = [];
  if ((args[0] ?? "").includes("/")) {
    for (const a of args) {
      if (!a.includes("/")) {
        ctx.io.err(
          "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'\n",
        );
        return 1;
      }
      const [type, name] = [a.slice(0, a.indexOf("/")), a.slice(a.indexOf("/") + 1)];
      const g = groups.find((x) => x.type === type);
      if (g) g.names.push(name);
      else groups.push({ type, names: [name] });
    }
  } else {
    if (args.length === 1 && selector === undefined && !all) {
      ctx.io.err("error: resource(s) were provided, but no name was specified\n");
      return 1;
    }
    for (const type of (args[0] as string).split(",")) groups.push({ type, names: args.slice(1) });
  }
  for (const g of groups) {
    resolveType(g.type, servedResourceTypes(ctx.state.cluster.settings), (w) => ctx.io.err(w));
    const r = remove(ctx.state.cluster, {
      type: g.type,
      names: g.names,
      namespace: ns,
      allNamespaces,
      ...(selector !== undefined ? { selector } : {}),
      all,
    });
    ctx.state = { ...ctx.state, cluster: r.cluster };
    if (r.lines.length === 0 && (selector !== undefined || all)) ctx.io.out("No resources found\n");
    exit = Math.max(exit, printWrite(ctx, r));
  }
  return exit;
}
