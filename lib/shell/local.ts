/** Running a single-word command row (coreutils) with GNU option parsing. */
import { gnuParse } from "./coreutils/gnu";
import type { CommandRow, Ctx } from "./types";

/** Runs a single-word command row with GNU option parsing. */
export function runLocal(ctx: Ctx, row: CommandRow, argv: readonly string[]): number {
  const prog = argv[0] as string;
  if (row.rawArgs) return row.run(ctx, { values: new Map(), all: new Map(), args: argv.slice(1), dashAt: -1 });
  const parsed = gnuParse(
    prog,
    prog === "head" || prog === "tail"
      ? argv.slice(1).flatMap((a) => (/^-\d+$/.test(a) ? ["-n", a.slice(1)] : [a]))
      : argv.slice(1),
    row.flags,
  );
  if (!parsed.ok) {
    ctx.io.err(parsed.error + "\n");
    return prog === "grep" || prog === "ls" ? 2 : 1;
  }
  return row.run(ctx, parsed.flags);
}
