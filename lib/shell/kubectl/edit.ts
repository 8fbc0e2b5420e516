/**
 * kubectl edit TYPE NAME | TYPE/NAME [-o yaml|json] (kubectl pkg/cmd/util/editor/editoptions.go): the live object
 * goes into a temp file, /tmp/kubectl-edit-NNN.yaml, under kubectl's header comment, and the editor opens it.
 * In the browser the editor is the lab's Files tab, whose Save and apply runs `kubectl apply -f` on that file;
 * without one, kubectl's own error for an editor it cannot start.
 */
import type { ParsedFlags } from "../flags";
import type { Ctx } from "../types";
import { findObject, namespaceOf, notFound, typeOrError } from "./common";
import { printObjects } from "./output";

/** kubectl's header above the object (editoptions.go, editHeaderTemplate). */
const HEADER =
  "# Please edit the object below. Lines beginning with a '#' will be ignored,\n" +
  "# and an empty file will abort the edit. If an error occurs while saving this file will be\n" +
  "# reopened with the relevant failures.\n" +
  "#\n";

export function runEdit(ctx: Ctx, f: ParsedFlags): number {
  const format = f.values.get("output") ?? "yaml";
  if (format !== "yaml" && format !== "json") {
    ctx.io.err(`error: the edit mode must be one of: yaml, json (got ${JSON.stringify(format)})\n`);
    return 1;
  }
  const args = f.args;
  let typeWord: string;
  let name: string | undefined;
  if ((args[0] ?? "").includes("/")) {
    const a = args[0] as string;
    typeWord = a.slice(0, a.indexOf("/"));
    name = a.slice(a.indexOf("/") + 1);
  } else {
    typeWord = args[0] ?? "";
    name = args[1];
  }
  if (typeWord === "") {
    ctx.io.err(
      "error: you must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
    );
    return 1;
  }
  const type = typeOrError(ctx, typeWord);
  if (!type) return 1;
  if (name === undefined || name === "" || args.length > (args[0]?.includes("/") ? 1 : 2)) {
    ctx.io.err(`error: this lab's kubectl edit opens one object at a time: kubectl edit ${typeWord} NAME\n`);
    return 1;
  }
  const obj = findObject(ctx, type, namespaceOf(f, ctx), name);
  if (!obj) {
    ctx.io.err(notFound(type, name));
    return 1;
  }
  const editor = ctx.state.env["KUBE_EDITOR"] || ctx.state.env["EDITOR"] || "vi";
  if (ctx.deps.editor !== true) {
    ctx.io.err(`error: unable to launch the editor ${JSON.stringify(editor)}\n`);
    return 1;
  }
  const printed = printObjects(format, [{ type, obj }], true);
  if (!printed.ok) {
    ctx.io.err(printed.error);
    return 1;
  }
  // os.CreateTemp("", "kubectl-edit-*.yaml"): a random decimal in place of the star
  const path = `/tmp/kubectl-edit-${Math.floor(ctx.deps.random() * 2 ** 32)}.${format}`;
  const text = format === "yaml" ? HEADER + printed.text : printed.text;
  ctx.state = { ...ctx.state, files: { ...ctx.state.files, [path]: text } };
  const apply = `kubectl apply -f ${path}`;
  ctx.open = { path, applyWith: apply };
  ctx.io.out(`Opened ${path} in the lab's editor (the Files tab): Save and apply there runs ${apply}.\n`);
  return 0;
}
