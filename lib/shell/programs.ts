/**
 * The lab machine's PATH: which programs exist on the learner's workstation (`root@server`), how a command
 * line's argv reaches them, and the helpful "command not found" answers for everything else.
 */
import { shellTools } from "#shell-tools";
import { runProgram, type ProgramSpec } from "./cobra";
import { BUILTIN_COMMANDS, whichRow } from "./coreutils/builtins";
import { FILE_COMMANDS } from "./coreutils/files";
import { TEXT_COMMANDS } from "./coreutils/text";
import { hostProgram, hostProgramNames } from "./registry";
import { runLocal } from "./local";

export { runLocal };
import type { CommandRow, Ctx } from "./types";

/** The not-found line: bash's text plus a hint (never a silent failure); the hints arrive with the lab's tools. */
export function notFound(name: string): string {
  return `bash: ${name}: command not found — ${shellTools().notFoundHint(name)}\n`;
}

const help: CommandRow = {
  path: ["help"],
  summary: "list what this lab supports",
  usage: "help",
  rawArgs: true,
  flags: [],
  run(ctx) {
    ctx.io.out(shellTools().helpText());
    return 0;
  },
};

const LOCAL: readonly CommandRow[] = [...BUILTIN_COMMANDS, ...FILE_COMMANDS, ...TEXT_COMMANDS, help];
const LOCAL_BY_NAME = new Map<string, CommandRow>(LOCAL.map((r) => [r.path[0] as string, r]));

/** True when `name` is a command of the lab's host shell. */
export function isHostCommand(name: string): boolean {
  return LOCAL_BY_NAME.has(name) || name === "which" || hostProgram(name) !== undefined;
}

/** Names for completion of the first word. */
export function hostCommandNames(): string[] {
  return [...new Set([...LOCAL_BY_NAME.keys(), "which", ...hostProgramNames()])].sort();
}

/** Runs argv on the lab workstation. */
export function dispatch(ctx: Ctx, argv: readonly string[]): number {
  const name = argv[0] as string;
  const local = LOCAL_BY_NAME.get(name);
  if (local) return runLocal(ctx, local, argv);
  if (name === "which") return runLocal(ctx, whichRow(isHostCommand), argv);
  const program: ProgramSpec | ((ctx: Ctx, argv: readonly string[]) => number) | undefined = hostProgram(name);
  if (program === undefined) {
    if (name.includes("/")) {
      ctx.io.err(`bash: ${name}: No such file or directory\n`);
      return 127;
    }
    ctx.io.err(notFound(name));
    return 127;
  }
  return typeof program === "function" ? program(ctx, argv) : runProgram(ctx, program, argv);
}
