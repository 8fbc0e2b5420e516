/** Text filters: echo, grep, head, tail, wc (GNU behaviour and messages, the options labs use). */
import { boolFlag, flag, type ParsedFlags } from "../flags";
import type { CommandRow, Ctx } from "../types";
import { utf8Length } from "../utf8";
import { isDir, resolvePath } from "../vfs";
import { lines } from "./gnu";

/** Reads the named files (or stdin for none / `-`), reporting missing ones GNU-style. */
function inputs(ctx: Ctx, prog: string, names: readonly string[]): { name: string; text: string }[] | number {
  if (names.length === 0) return [{ name: "(standard input)", text: ctx.io.stdin }];
  const out: { name: string; text: string }[] = [];
  let bad = false;
  for (const n of names) {
    if (n === "-") {
      out.push({ name: "(standard input)", text: ctx.io.stdin });
      continue;
    }
    const p = resolvePath(ctx.state.cwd, n);
    const t = ctx.state.files[p];
    if (t === undefined) {
      ctx.io.err(
        isDir(ctx.state.files, p) ? `${prog}: ${n}: Is a directory\n` : `${prog}: ${n}: No such file or directory\n`,
      );
      bad = true;
    } else out.push({ name: n, text: t });
  }
  return bad && out.length === 0 ? (prog === "grep" ? 2 : 1) : out;
}

const echo: CommandRow = {
  path: ["echo"],
  summary: "print its arguments",
  usage: "echo [-n] [-e] [STRING]...",
  flags: [],
  rawArgs: true,
  run(ctx, f) {
    const args = [...f.args];
    let newline = true;
    let escapes = false;
    while (args[0] !== undefined && /^-[neE]+$/.test(args[0])) {
      const a = args.shift() as string;
      if (a.includes("n")) newline = false;
      if (a.includes("e")) escapes = true;
      if (a.includes("E")) escapes = false;
    }
    let s = args.join(" ");
    if (escapes)
      s = s.replace(/\\(n|t|\\|e)/g, (_, c: string) =>
        c === "n" ? "\n" : c === "t" ? "\t" : c === "e" ? "\x1b" : "\\",
      );
    ctx.io.out(s + (newline ? "\n" : ""));
    return 0;
  },
};

/** GNU BRE (default) or ERE → JavaScript RegExp source. */
export function grepRegex(pattern: string, extended: boolean, fixed: boolean): string {
  if (fixed) return pattern.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    const n = pattern[i + 1] ?? "";
    if (c === "\\" && (n === "<" || n === ">")) {
      out += "\\b";
      i++;
    } else if (!extended && c === "\\" && "|+?(){}".includes(n)) {
      out += n;
      i++;
    } else if (!extended && "|+?(){}".includes(c)) out += "\\" + c;
    else if (c === "\\") {
      out += c + n;
      i++;
    } else out += c;
  }
  return out;
}

const grep: CommandRow = {
  path: ["grep"],
  summary: "print lines that match a pattern",
  usage: "grep [-i] [-v] [-c] [-n] [-w] [-o] [-q] [-E|-F] [-A N] [-B N] [-C N] PATTERN [FILE]...",
  args: "files",
  flags: [
    { name: "ignore-case", short: "i", type: "bool", usage: "ignore case distinctions" },
    { name: "invert-match", short: "v", type: "bool", usage: "select non-matching lines" },
    { name: "count", short: "c", type: "bool", usage: "print only a count of matching lines" },
    { name: "line-number", short: "n", type: "bool", usage: "print line numbers" },
    { name: "word-regexp", short: "w", type: "bool", usage: "match only whole words" },
    { name: "only-matching", short: "o", type: "bool", usage: "show only the matching part" },
    { name: "quiet", short: "q", type: "bool", usage: "suppress all normal output" },
    { name: "extended-regexp", short: "E", type: "bool", usage: "PATTERN is an extended regular expression" },
    { name: "fixed-strings", short: "F", type: "bool", usage: "PATTERN is a set of strings" },
    { name: "regexp", short: "e", type: "string", usage: "use PATTERN for matching" },
    { name: "after-context", short: "A", type: "int", usage: "print NUM lines of trailing context" },
    { name: "before-context", short: "B", type: "int", usage: "print NUM lines of leading context" },
    { name: "context", short: "C", type: "int", usage: "print NUM lines of context" },
    { name: "color", type: "string", usage: "use markers to highlight the matching strings" },
  ],
  run(ctx, f) {
    const args = [...f.args];
    const pattern = f.values.get("regexp") ?? args.shift();
    if (pattern === undefined) {
      ctx.io.err("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n");
      return 2;
    }
    let src = grepRegex(pattern, boolFlag(f, "extended-regexp"), boolFlag(f, "fixed-strings"));
    if (boolFlag(f, "word-regexp")) src = `(?<![\\w])(?:${src})(?![\\w])`;
    let re: RegExp;
    try {
      re = new RegExp(src, boolFlag(f, "ignore-case") ? "gi" : "g");
    } catch {
      ctx.io.err("grep: Unmatched ( or \\(\n");
      return 2;
    }
    const files = inputs(ctx, "grep", args);
    if (typeof files === "number") return files;
    return grepFiles(ctx, f, re, files, args.length > 1);
  },
};

function grepFiles(
  ctx: Ctx,
  f: ParsedFlags,
  re: RegExp,
  files: { name: string; text: string }[],
  prefix: boolean,
): number {
  const invert = boolFlag(f, "invert-match");
  const after = Number(flag(f, "after-context", flag(f, "context", "0")));
  const before = Number(flag(f, "before-context", flag(f, "context", "0")));
  let any = false;
  for (const file of files) {
    const ls = lines(file.text);
    const hit = ls.map((l) => {
      re.lastIndex = 0;
      return re.test(l) !== invert;
    });
    const count = hit.filter(Boolean).length;
    if (count > 0) any = true;
    if (boolFlag(f, "quiet")) continue;
    const pre = prefix ? `${file.name}:` : "";
    if (boolFlag(f, "count")) {
      ctx.io.out(`${pre}${count}\n`);
      continue;
    }
    let lastPrinted = -1;
    const show = new Set<number>();
    hit.forEach((h, i) => {
      if (!h) return;
      for (let j = Math.max(0, i - before); j <= Math.min(ls.length - 1, i + after); j++) show.add(j);
    });
    [...show]
      .sort((a, b) => a - b)
      .forEach((i) => {
        if ((after > 0 || before > 0) && lastPrinted >= 0 && i > lastPrinted + 1) ctx.io.out("--\n");
        lastPrinted = i;
        const l = ls[i] ?? "";
        const sep = hit[i] ? ":" : "-";
        const num = boolFlag(f, "line-number") ? `${i + 1}${sep}` : "";
        const p = prefix ? `${file.name}${sep}` : "";
        if (boolFlag(f, "only-matching") && !invert) {
          for (const m of l.matchAll(re)) if (m[0] !== "") ctx.io.out(`${p}${num}${m[0]}\n`);
        } else ctx.io.out(`${p}${num}${l}\n`);
      });
  }
  return any ? 0 : 1;
}

/** `-5` → `-n 5` (the obsolete count syntax head and tail still accept). */
export function normaliseCount(argv: readonly string[]): string[] {
  return argv.flatMap((a) => (/^-\d+$/.test(a) ? ["-n", a.slice(1)] : [a]));
}

function headTail(name: "head" | "tail"): CommandRow {
  return {
    path: [name],
    summary: name === "head" ? "print the first lines" : "print the last lines",
    usage: `${name} [-n N] [FILE]...`,
    args: "files",
    flags: [
      { name: "lines", short: "n", type: "string", usage: "print N lines (default 10)" },
      { name: "bytes", short: "c", type: "string", usage: "print N bytes" },
    ],
    run(ctx, f) {
      const bytes = f.values.get("bytes");
      if (bytes !== undefined) {
        const files = inputs(ctx, name, f.args);
        if (typeof files === "number") return files;
        const n = Number(bytes);
        for (const file of files)
          ctx.io.out(name === "head" ? file.text.slice(0, n) : file.text.slice(Math.max(0, file.text.length - n)));
        return 0;
      }
      const raw = flag(f, "lines", "10");
      const fromStart = name === "tail" && raw.startsWith("+");
      const n = Number(raw.replace(/^[+-]/, ""));
      if (!Number.isInteger(n)) {
        ctx.io.err(`${name}: invalid number of lines: ‘${raw}’\n`);
        return 1;
      }
      const files = inputs(ctx, name, f.args);
      if (typeof files === "number") return files;
      files.forEach((file, i) => {
        if (files.length > 1) ctx.io.out(`${i > 0 ? "\n" : ""}==> ${file.name} <==\n`);
        const ls = lines(file.text);
        const negative = raw.startsWith("-");
        const picked =
          name === "head"
            ? negative
              ? ls.slice(0, Math.max(0, ls.length - n))
              : ls.slice(0, n)
            : fromStart
              ? ls.slice(Math.max(0, n - 1))
              : n === 0
                ? []
                : ls.slice(-n);
        ctx.io.out(picked.map((l) => l + "\n").join(""));
      });
      return 0;
    },
  };
}

const wc: CommandRow = {
  path: ["wc"],
  summary: "count lines, words and bytes",
  usage: "wc [-l] [-w] [-c] [FILE]...",
  args: "files",
  flags: [
    { name: "lines", short: "l", type: "bool", usage: "print the newline counts" },
    { name: "words", short: "w", type: "bool", usage: "print the word counts" },
    { name: "bytes", short: "c", type: "bool", usage: "print the byte counts" },
  ],
  run(ctx, f) {
    const files = inputs(ctx, "wc", f.args);
    if (typeof files === "number") return files;
    let want = (["lines", "words", "bytes"] as const).filter((k) => boolFlag(f, k));
    if (want.length === 0) want = ["lines", "words", "bytes"];
    const count = (t: string): Record<string, number> => ({
      lines: (t.match(/\n/g) ?? []).length,
      words: t.split(/\s+/).filter((w) => w !== "").length,
      bytes: utf8Length(t),
    });
    const rows = files.map((file) => ({ name: f.args.length > 0 ? file.name : "", c: count(file.text) }));
    if (rows.length > 1) {
      const total: Record<string, number> = { lines: 0, words: 0, bytes: 0 };
      for (const r of rows) for (const k of want) total[k] = (total[k] ?? 0) + (r.c[k] ?? 0);
      rows.push({ name: "total", c: total });
    }
    const single = want.length === 1 && (f.args.length === 0 || rows.length === 1);
    const width = single
      ? 0
      : f.args.length === 0
        ? 7
        : Math.max(...rows.flatMap((r) => want.map((k) => String(r.c[k]).length)));
    for (const r of rows)
      ctx.io.out(want.map((k) => String(r.c[k]).padStart(width)).join(" ") + (r.name ? ` ${r.name}` : "") + "\n");
    return 0;
  },
};

/** The text filter rows. */
export const TEXT_COMMANDS: readonly CommandRow[] = [echo, grep, headTail("head"), headTail("tail"), wc];
