/**
 * The lab machine's PATH: which programs exist on the learner's workstation (`root@server`), how a command
 * line's argv reaches them, and the helpful "command not found" answers for everything else.
 */
import { runProgram, type ProgramSpec } from "./cobra";
import { BUILTIN_COMMANDS, whichRow } from "./coreutils/builtins";
import { FILE_COMMANDS } from "./coreutils/files";
import { TEXT_COMMANDS } from "./coreutils/text";
import { hostProgram, hostProgramNames } from "./registry";
import { runLocal } from "./local";

export { runLocal };
import type { CommandRow, Ctx } from "./types";

/** What `help` prints: the lab's commands, one line each. */
export function helpText(): string {
  const rows: [string, string][] = [
    ["kubectl get|describe|apply|create|delete|label|exec", "the cluster (kubectl 1.34)"],
    ["kubectl api-resources|version|config current-context", ""],
    ["kubectl -n kube-system exec ds/cilium -- cilium-dbg …", "the Cilium agent: endpoint list, identity list, policy get, status"],
    ["cilium status|config view|config set", "the Cilium CLI"],
    ["hubble observe", "flows: --verdict --pod --from-pod --to-pod --namespace --protocol --http-status --last -o json"],
    ["helm upgrade cilium cilium/cilium --reuse-values --set k=v", "change Cilium's settings"],
    ["docker exec NODE-OR-CONTAINER CMD", "run a command on a node or an external container"],
    ["curl nc nslookup dig ping", "inside pods: kubectl exec POD -- curl …"],
    ["ls cat echo rm cp mv touch grep head tail wc", "files in ~ (cat > file <<EOF writes one)"],
    ["clear history export help", "the shell; Tab completes, Up/Down and Ctrl-R recall, Ctrl-C cancels"],
  ];
  const w = Math.max(...rows.map((r) => r[0].length)) + 3;
  return "Commands in this lab:\n" + rows.map(([c, d]) => `  ${d ? c.padEnd(w) + d : c}`).join("\n") + "\n";
}

const HINTS: Readonly<Record<string, string>> = {
  vim: "edit files in the Editor tab, or use cat > file <<EOF",
  vi: "edit files in the Editor tab, or use cat > file <<EOF",
  nano: "edit files in the Editor tab, or use cat > file <<EOF",
  emacs: "edit files in the Editor tab, or use cat > file <<EOF",
  code: "edit files in the Editor tab, or use cat > file <<EOF",
  sudo: "you are already root here",
  k: "this lab has no aliases: type kubectl",
  watch: "run the command again instead (Up arrow, Enter)",
  kind: "the kind cluster is already running: use kubectl",
  minikube: "this lab's cluster is a kind cluster: use kubectl",
  apt: "nothing can be installed in this lab",
  "apt-get": "nothing can be installed in this lab",
  ssh: "use docker exec NODE … to run commands on a node",
  for: "loops are not part of this lab's shell: run the commands one by one",
  while: "loops are not part of this lab's shell: run the commands one by one",
  do: "loops are not part of this lab's shell: run the commands one by one",
  done: "loops are not part of this lab's shell: run the commands one by one",
  if: "conditionals are not part of this lab's shell: use && and ||",
  then: "conditionals are not part of this lab's shell: use && and ||",
  fi: "conditionals are not part of this lab's shell: use && and ||",
  "cilium-dbg": "it runs inside the Cilium agent: kubectl -n kube-system exec ds/cilium -- cilium-dbg …",
};

/** The not-found line: bash's text plus a hint (never a silent failure). */
export function notFound(name: string): string {
  return `bash: ${name}: command not found — ${HINTS[name] ?? "type help to see what this lab supports"}\n`;
}

const help: CommandRow = {
  path: ["help"],
  summary: "list what this lab supports",
  usage: "help",
  rawArgs: true,
  flags: [],
  run(ctx) {
    ctx.io.out(helpText());
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
