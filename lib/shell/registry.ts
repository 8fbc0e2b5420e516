/** Programs on the lab workstation besides the coreutils: the cluster tools and the network clients. */
import { shellTools } from "#shell-tools";
import { runProgram, type ProgramSpec } from "./cobra";
import { NET_CLIENTS, netClient } from "./net/clients";
import { KUBECTL } from "./kubectl";
import type { Ctx } from "./types";

type Entry = ProgramSpec | ((ctx: Ctx, argv: readonly string[]) => number);

/** The workstation is a container on the kind network (like kind's host): it reaches node IPs and externals. */
const SERVER = { origin: { kind: "external" as const, name: "server" }, tty: true, hostname: "server" };

let table: Readonly<Record<string, Entry>> | undefined;

/** Workstation programs by name (built on first use: the deferred tools' bindings are not read before). */
function programs(): Readonly<Record<string, Entry>> {
  table ??= build();
  return table;
}

/** The program called `name`, if the workstation has it. */
export function hostProgram(name: string): Entry | undefined {
  return Object.prototype.hasOwnProperty.call(programs(), name) ? programs()[name] : undefined;
}

/** Names of the workstation programs. */
export function hostProgramNames(): string[] {
  return Object.keys(programs());
}

const build = (): Readonly<Record<string, Entry>> => ({
  kubectl: KUBECTL,
  cilium: (ctx, argv) => runProgram(ctx, shellTools().CILIUM_CLI, argv),
  hubble: (ctx, argv) => runProgram(ctx, shellTools().HUBBLE, argv),
  helm: (ctx, argv) => runProgram(ctx, shellTools().HELM, argv),
  lab: (ctx, argv) => runProgram(ctx, shellTools().LAB, argv),
  docker: (ctx, argv) => shellTools().docker(ctx, argv),
  ...Object.fromEntries(
    NET_CLIENTS.map((name) => [name, (ctx: Ctx, argv: readonly string[]) => netClient(name)(ctx, SERVER, argv)]),
  ),
  // vi, vim, nano: the browser's editor (./editors.ts)
  ...Object.fromEntries(
    ["vi", "vim", "nano"].map((name) => [
      name,
      (ctx: Ctx, argv: readonly string[]) => shellTools().runEditor(ctx, argv),
    ]),
  ),
  sh: (ctx, argv) => script(ctx, argv),
  bash: (ctx, argv) => script(ctx, argv),
});

function script(ctx: Ctx, argv: readonly string[]): number {
  const i = argv.indexOf("-c");
  if (i < 0 || argv[i + 1] === undefined) {
    ctx.io.err(`${argv[0]}: this lab's shell is already running; use ${argv[0]} -c 'COMMAND' to run a script\n`);
    return 2;
  }
  return ctx.sh(ctx, argv[i + 1] as string);
}
