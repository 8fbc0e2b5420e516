/** File commands over the virtual file system: ls, cat, rm, touch, cp, mv, pwd, cd. */
import { boolFlag } from "../flags";
import type { CommandRow, Ctx } from "../types";
import { isDir, isFile, listDir, resolvePath } from "../vfs";

function setFiles(ctx: Ctx, files: Record<string, string>): void {
  ctx.state = { ...ctx.state, files };
}

/** GNU ls -C layout: the fewest rows whose columns fit in 80 characters, names in column-major order. */
function columns(names: readonly string[], width = 80): string {
  if (names.length === 0) return "";
  for (let cols = names.length; cols >= 1; cols--) {
    const rows = Math.ceil(names.length / cols);
    const widths: number[] = [];
    for (let c = 0; c < cols; c++) {
      const col = names.slice(c * rows, (c + 1) * rows);
      if (col.length === 0) continue;
      widths.push(Math.max(...col.map((n) => n.length)) + 2);
    }
    const total = widths.reduce((a, b) => a + b, 0) - 2;
    if (total <= width || cols === 1) {
      const out: string[] = [];
      for (let r = 0; r < rows; r++) {
        let line = "";
        widths.forEach((w, c) => {
          const n = names[c * rows + r];
          if (n === undefined) return;
          const isLast = c === widths.length - 1 || names[(c + 1) * rows + r] === undefined;
          line += isLast ? n : n.padEnd(w);
        });
        out.push(line);
      }
      return out.join("\n") + "\n";
    }
  }
  return "";
}

function lsLong(ctx: Ctx, dir: string, entries: readonly { name: string; dir: boolean }[]): string {
  const d = new Date(ctx.now);
  const stamp = `${d.toUTCString().slice(8, 11)} ${String(d.getUTCDate()).padStart(2)} ${String(d.getUTCHours()).padStart(2, "0")}:${String(d.getUTCMinutes()).padStart(2, "0")}`;
  const sizes = entries.map((e) =>
    e.dir ? 4096 : (ctx.state.files[`${dir === "/" ? "" : dir}/${e.name}`] ?? "").length,
  );
  const w = Math.max(1, ...sizes.map((s) => String(s).length));
  const total = sizes.reduce((a, s) => a + Math.ceil(s / 4096) * 4, 0);
  const rows = entries.map(
    (e, i) => `${e.dir ? "drwxr-xr-x 2" : "-rw-r--r-- 1"} root root ${String(sizes[i]).padStart(w)} ${stamp} ${e.name}`,
  );
  return `total ${total}\n` + rows.map((r) => r + "\n").join("");
}

const ls: CommandRow = {
  path: ["ls"],
  summary: "list files in the lab's home directory",
  usage: "ls [-l] [-a] [-1] [FILE]...",
  args: "files",
  flags: [
    { name: "long", short: "l", type: "bool", usage: "use a long listing format" },
    { name: "all", short: "a", type: "bool", usage: "do not ignore entries starting with ." },
    { name: "one", short: "1", type: "bool", usage: "list one file per line" },
  ],
  run(ctx, f) {
    const targets = f.args.length > 0 ? f.args : ["."];
    let exit = 0;
    const fileHits: string[] = [];
    const dirs: string[] = [];
    for (const t of targets) {
      const p = resolvePath(ctx.state.cwd, t);
      if (isDir(ctx.state.files, p)) dirs.push(t);
      else if (isFile(ctx.state.files, p)) fileHits.push(t);
      else {
        ctx.io.err(`ls: cannot access '${t}': No such file or directory\n`);
        exit = 2;
      }
    }
    const show = (names: string[], dir: string, entries: { name: string; dir: boolean }[]): string =>
      boolFlag(f, "long")
        ? lsLong(ctx, dir, entries)
        : boolFlag(f, "one") || !ctx.io.outIsTerminal
          ? names.map((n) => n + "\n").join("")
          : columns(names);
    if (fileHits.length > 0)
      ctx.io.out(
        show(
          fileHits.sort(),
          ctx.state.cwd,
          fileHits.map((n) => ({ name: n, dir: false })),
        ),
      );
    dirs.forEach((t, i) => {
      const p = resolvePath(ctx.state.cwd, t);
      const entries = listDir(ctx.state.files, p).filter((e) => boolFlag(f, "all") || !e.name.startsWith("."));
      if (targets.length > 1) ctx.io.out(`${i > 0 || fileHits.length > 0 ? "\n" : ""}${t}:\n`);
      ctx.io.out(
        show(
          entries.map((e) => e.name),
          p,
          entries,
        ),
      );
    });
    return exit;
  },
};

const cat: CommandRow = {
  path: ["cat"],
  summary: "print files (cat > file <<EOF writes one)",
  usage: "cat [FILE]...",
  args: "files",
  flags: [{ name: "number", short: "n", type: "bool", usage: "number all output lines" }],
  run(ctx, f) {
    const names = f.args.length > 0 ? f.args : ["-"];
    let exit = 0;
    let text = "";
    for (const n of names) {
      if (n === "-") {
        text += ctx.io.stdin;
        continue;
      }
      const p = resolvePath(ctx.state.cwd, n);
      if (isDir(ctx.state.files, p)) {
        ctx.io.err(`cat: ${n}: Is a directory\n`);
        exit = 1;
      } else if (!isFile(ctx.state.files, p)) {
        ctx.io.err(`cat: ${n}: No such file or directory\n`);
        exit = 1;
      } else text += ctx.state.files[p] ?? "";
    }
    if (boolFlag(f, "number")) {
      const endsNl = text.endsWith("\n");
      const body = (endsNl ? text.slice(0, -1) : text).split("\n");
      text =
        text === "" ? "" : body.map((l, i) => `${String(i + 1).padStart(6)}\t${l}`).join("\n") + (endsNl ? "\n" : "");
    }
    ctx.io.out(text);
    return exit;
  },
};

const rm: CommandRow = {
  path: ["rm"],
  summary: "remove files",
  usage: "rm [-f] [-r] FILE...",
  args: "files",
  flags: [
    { name: "force", short: "f", type: "bool", usage: "ignore nonexistent files" },
    { name: "recursive", short: "r", type: "bool", usage: "remove directories and their contents" },
  ],
  run(ctx, f) {
    if (f.args.length === 0 && !boolFlag(f, "force")) {
      ctx.io.err("rm: missing operand\nTry 'rm --help' for more information.\n");
      return 1;
    }
    let exit = 0;
    const files = { ...ctx.state.files };
    for (const n of f.args) {
      const p = resolvePath(ctx.state.cwd, n);
      if (isDir(files, p)) {
        if (!boolFlag(f, "recursive")) {
          ctx.io.err(`rm: cannot remove '${n}': Is a directory\n`);
          exit = 1;
        } else for (const k of Object.keys(files)) if (k.startsWith(p + "/")) delete files[k];
      } else if (p in files) delete files[p];
      else if (!boolFlag(f, "force")) {
        ctx.io.err(`rm: cannot remove '${n}': No such file or directory\n`);
        exit = 1;
      }
    }
    setFiles(ctx, files);
    return exit;
  },
};

const touch: CommandRow = {
  path: ["touch"],
  summary: "create empty files",
  usage: "touch FILE...",
  args: "files",
  flags: [],
  run(ctx, f) {
    if (f.args.length === 0) {
      ctx.io.err("touch: missing file operand\nTry 'touch --help' for more information.\n");
      return 1;
    }
    const files = { ...ctx.state.files };
    for (const n of f.args) {
      const p = resolvePath(ctx.state.cwd, n);
      if (!(p in files) && !isDir(files, p)) files[p] = "";
    }
    setFiles(ctx, files);
    return 0;
  },
};

function copyOrMove(name: "cp" | "mv"): CommandRow {
  return {
    path: [name],
    summary: name === "cp" ? "copy a file" : "rename a file",
    usage: `${name} SOURCE DEST`,
    args: "files",
    flags: [],
    run(ctx, f) {
      const [src, dst] = f.args;
      if (src === undefined || dst === undefined) {
        ctx.io.err(
          `${name}: missing ${src === undefined ? "file operand" : `destination file operand after '${src}'`}\nTry '${name} --help' for more information.\n`,
        );
        return 1;
      }
      const from = resolvePath(ctx.state.cwd, src);
      const content = ctx.state.files[from];
      if (content === undefined) {
        ctx.io.err(
          name === "cp"
            ? `cp: cannot stat '${src}': No such file or directory\n`
            : `mv: cannot stat '${src}': No such file or directory\n`,
        );
        return 1;
      }
      let to = resolvePath(ctx.state.cwd, dst);
      if (isDir(ctx.state.files, to)) to = `${to === "/" ? "" : to}/${from.slice(from.lastIndexOf("/") + 1)}`;
      const files = { ...ctx.state.files, [to]: content };
      if (name === "mv" && to !== from) delete files[from];
      setFiles(ctx, files);
      return 0;
    },
  };
}

const pwd: CommandRow = {
  path: ["pwd"],
  summary: "print the working directory",
  usage: "pwd",
  flags: [],
  run(ctx) {
    ctx.io.out(ctx.state.cwd + "\n");
    return 0;
  },
};

const cd: CommandRow = {
  path: ["cd"],
  summary: "change directory",
  usage: "cd [DIR]",
  args: "files",
  flags: [],
  run(ctx, f) {
    const target = f.args[0] ?? "/root";
    const p = resolvePath(ctx.state.cwd, target);
    if (!isDir(ctx.state.files, p)) {
      ctx.io.err(
        `bash: cd: ${target}: ${isFile(ctx.state.files, p) ? "Not a directory" : "No such file or directory"}\n`,
      );
      return 1;
    }
    ctx.state = { ...ctx.state, cwd: p };
    return 0;
  },
};

/** The file command rows. */
export const FILE_COMMANDS: readonly CommandRow[] = [ls, cat, rm, touch, copyOrMove("cp"), copyOrMove("mv"), pwd, cd];
