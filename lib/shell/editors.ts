/**
 * vi, vim and nano: in the browser the lab's editor (the Files tab) opens the file, created empty when it is
 * new; without one (the server, labsh) the machine has no terminal editor, and bash says so. Arrives with the
 * lab's other tools (../deferred-tools.ts); the names are in ./registry.ts.
 */
import { notFoundHint } from "./help";
import type { Ctx } from "./types";
import { HOME, isDir, resolvePath } from "./vfs";

/** How the terminal names a path: `~/x.yaml` in the home directory. */
const shown = (path: string): string => (path.startsWith(HOME + "/") ? `~/${path.slice(HOME.length + 1)}` : path);

export function runEditor(ctx: Ctx, argv: readonly string[]): number {
  const name = argv[0] as string;
  if (ctx.deps.editor !== true) {
    ctx.io.err(`bash: ${name}: command not found — ${notFoundHint(name)}\n`);
    return 127;
  }
  // options (vim -R, +LINE) change nothing in the lab's editor
  const files = argv.slice(1).filter((a) => !a.startsWith("-") && !a.startsWith("+"));
  const first = files[0];
  if (first === undefined) {
    ctx.io.err(`${name}: name the file to edit (${name} FILE): the lab's editor, the Files tab, opens files\n`);
    return 1;
  }
  const path = resolvePath(ctx.state.cwd, first);
  if (isDir(ctx.state.files, path)) {
    ctx.io.err(`${name}: ${first} is a directory\n`);
    return 1;
  }
  const isNew = ctx.state.files[path] === undefined;
  if (isNew) ctx.state = { ...ctx.state, files: { ...ctx.state.files, [path]: "" } };
  ctx.open = { path };
  const more = files.length > 1 ? ` (it shows one file at a time: ${files.slice(1).join(" ")} not opened)` : "";
  ctx.io.out(`Opened ${shown(path)}${isNew ? " (a new file)" : ""} in the lab's editor, the Files tab${more}.\n`);
  return 0;
}
