/**
 * Cobra-style command resolution shared by kubectl, cilium, cilium-dbg, hubble, helm and docker: find the
 * deepest table row whose path matches the non-flag words, parse the rest with pflag, and print errors the way
 * each tool does (kubectl: `error: …` + `See '… --help' for usage.`; hubble: the bare error; cobra default:
 * `Error: …` + `Run '… --help' for usage.`). Sources: spf13/cobra command.go Find/findSuggestions, args.go
 * legacyArgs; kubectl cmdutil.CheckErr; hubble main.go.
 */
import { parseFlags, type FlagSpec, type ParsedFlags } from "./flags";
import type { CommandRow, Ctx } from "./types";

export type ErrorStyle = "kubectl" | "hubble" | "cobra" | "helm";

export interface ProgramSpec {
  readonly name: string;
  readonly rows: readonly CommandRow[];
  /** Persistent flags every subcommand accepts (kubectl -n, hubble --server…). */
  readonly globalFlags: readonly FlagSpec[];
  readonly style: ErrorStyle;
  /** What the bare program prints (its help). */
  readonly rootHelp: string;
}

const HELP_FLAG: FlagSpec = { name: "help", short: "h", type: "bool", usage: "help for this command" };

/** Levenshtein distance (cobra's ld, case-insensitive). */
function distance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const d: number[][] = Array.from({ length: s.length + 1 }, (_, i) =>
    Array.from({ length: t.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let j = 1; j <= t.length; j++)
    for (let i = 1; i <= s.length; i++) {
      const row = d[i] as number[];
      const prev = d[i - 1] as number[];
      row[j] =
        s[i - 1] === t[j - 1]
          ? (prev[j - 1] as number)
          : Math.min(prev[j] as number, row[j - 1] as number, prev[j - 1] as number) + 1;
    }
  return (d[s.length] as number[])[t.length] as number;
}

/** cobra SuggestionsFor: distance ≤ 2 or a prefix match. */
export function suggestions(typed: string, names: readonly string[]): string[] {
  return names.filter((n) => distance(typed, n) <= 2 || n.toLowerCase().startsWith(typed.toLowerCase()));
}

function unknownCommand(typed: string, parent: string, children: readonly string[]): string {
  const s = suggestions(typed, children);
  return (
    `unknown command "${typed}" for "${parent}"` +
    (s.length > 0 ? `\n\nDid you mean this?\n${s.map((x) => `\t${x}\n`).join("")}` : "")
  );
}

/** Prints an error in the program's style; returns exit code 1. */
export function fail(
  ctx: Ctx,
  style: ErrorStyle,
  commandPath: string,
  message: string,
  kind: "flag" | "command" | "plain",
): number {
  const body = message.endsWith("\n") ? message : message + "\n";
  switch (style) {
    case "kubectl":
      ctx.io.err(`error: ${body}${kind === "flag" ? `See '${commandPath} --help' for usage.\n` : ""}`);
      break;
    case "hubble":
      ctx.io.err(kind === "command" ? body + "\n" : body);
      break;
    case "helm":
      ctx.io.err(`Error: ${body}`);
      break;
    case "cobra":
      // cobra: PrintErrln("Error:", err) then the usage hint
      ctx.io.err(`Error: ${message}\n${kind === "plain" ? "" : `Run '${commandPath} --help' for usage.\n`}`);
      break;
  }
  return 1;
}

function help(row: CommandRow | undefined, spec: ProgramSpec): string {
  if (!row) return spec.rootHelp;
  const flags = [...row.flags, ...spec.globalFlags].filter((f) => !f.hidden);
  const lines = flags.map(
    (f) =>
      `  ${f.short ? `-${f.short}, ` : "    "}--${f.name}${f.type === "bool" ? "" : ` ${f.type === "int" ? "int" : "string"}`}\t${f.usage}`,
  );
  return `${row.summary}\n\nUsage:\n  ${row.usage}\n` + (lines.length > 0 ? `\nFlags:\n${lines.join("\n")}\n` : "");
}

/** Global flags that take a value (to skip their values while looking for subcommand words). */
function takesValue(arg: string, specs: readonly FlagSpec[]): boolean {
  if (arg.includes("=")) return false;
  const spec = arg.startsWith("--")
    ? specs.find((s) => `--${s.name}` === arg)
    : arg.length === 2
      ? specs.find((s) => `-${s.short}` === arg)
      : undefined;
  return spec !== undefined && spec.type !== "bool";
}

/** Runs `argv` (argv[0] = the program) against the program's table. */
export function runProgram(ctx: Ctx, spec: ProgramSpec, argv: readonly string[]): number {
  const rest = argv.slice(1);
  const path = [spec.name];
  const used = new Set<number>();
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i] as string;
    if (a === "--") break;
    if (a.startsWith("-")) {
      if (takesValue(a, spec.globalFlags)) i++;
      continue;
    }
    const next = [...path, a];
    const hasChild = spec.rows.some((r) => next.every((w, k) => r.path[k] === w));
    if (!hasChild) {
      const exact = spec.rows.find((r) => r.path.length === path.length && r.path.every((w, k) => w === path[k]));
      if (exact) break;
      const children = [
        ...new Set(
          spec.rows.filter((r) => path.every((w, k) => r.path[k] === w)).map((r) => r.path[path.length] as string),
        ),
      ].sort();
      return fail(ctx, spec.style, path.join(" "), unknownCommand(a, path.join(" "), children), "command");
    }
    path.push(a);
    used.add(i);
  }
  const row = spec.rows.find((r) => r.path.length === path.length && r.path.every((w, k) => w === path[k]));
  const args = rest.filter((_, i) => !used.has(i));
  if (!row) {
    if (args.includes("--help") || args.includes("-h") || path.length === 1) {
      ctx.io.out(spec.rootHelp);
      return 0;
    }
    const children = [
      ...new Set(
        spec.rows.filter((r) => path.every((w, k) => r.path[k] === w)).map((r) => r.path[path.length] as string),
      ),
    ].sort();
    ctx.io.out(`Available Commands:\n${children.map((c) => `  ${c}`).join("\n")}\n`);
    return 0;
  }
  if (row.rawArgs) return row.run(ctx, { values: new Map(), all: new Map(), args, dashAt: -1 });
  const parsed = parseFlags(args, [...row.flags, ...spec.globalFlags, HELP_FLAG]);
  if (!parsed.ok) return fail(ctx, spec.style, path.join(" "), parsed.error, "flag");
  if (parsed.flags.values.get("help") === "true") {
    ctx.io.out(help(row, spec));
    return 0;
  }
  return row.run(ctx, parsed.flags);
}

export type { ParsedFlags };
