/** Shell builtins: clear, history, help, export, unset, sleep, true, false, exit, which, sh -c. */

import type { CommandRow } from "../types";

/** Longest wait a simulated command may ask the UI for. */
export const MAX_WAIT_MS = 5_000;

const clear: CommandRow = {
  path: ["clear"],
  summary: "clear the screen (or press Ctrl-L)",
  usage: "clear",
  flags: [],
  run(ctx) {
    ctx.clear = true;
    return 0;
  },
};

const history: CommandRow = {
  path: ["history"],
  summary: "list the commands you ran (Up/Down and Ctrl-R recall them)",
  usage: "history [N] [-c]",
  flags: [{ name: "clear", short: "c", type: "bool", usage: "clear the history list" }],
  run(ctx, f) {
    if (f.values.get("clear") === "true") {
      ctx.state = { ...ctx.state, history: [] };
      return 0;
    }
    const all = ctx.state.history;
    const arg = f.args[0];
    if (arg !== undefined && !/^\d+$/.test(arg)) {
      ctx.io.err(`bash: history: ${arg}: numeric argument required\n`);
      return 1;
    }
    const n = arg === undefined ? all.length : Math.min(all.length, Number(arg));
    all.slice(all.length - n).forEach((h, i) => ctx.io.out(`${String(all.length - n + i + 1).padStart(5)}  ${h}\n`));
    return 0;
  },
};

const exportCmd: CommandRow = {
  path: ["export"],
  summary: "set a variable ($NAME) for later commands",
  usage: "export NAME=VALUE...",
  rawArgs: true,
  flags: [],
  run(ctx, f) {
    if (f.args.length === 0 || (f.args.length === 1 && f.args[0] === "-p")) {
      for (const k of Object.keys(ctx.state.env).sort())
        ctx.io.out(`declare -x ${k}="${(ctx.state.env[k] ?? "").replace(/(["\\$`])/g, "\\$1")}"\n`);
      return 0;
    }
    const env = { ...ctx.state.env };
    let exit = 0;
    for (const a of f.args) {
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:=([^]*))?$/.exec(a);
      if (!m) {
        ctx.io.err(`bash: export: \`${a}': not a valid identifier\n`);
        exit = 1;
      } else if (m[2] !== undefined) env[m[1] as string] = m[2];
      else env[m[1] as string] = env[m[1] as string] ?? "";
    }
    ctx.state = { ...ctx.state, env };
    return exit;
  },
};

const unset: CommandRow = {
  path: ["unset"],
  summary: "remove a variable",
  usage: "unset NAME...",
  rawArgs: true,
  flags: [],
  run(ctx, f) {
    const env = { ...ctx.state.env };
    for (const a of f.args) delete env[a];
    ctx.state = { ...ctx.state, env };
    return 0;
  },
};

const sleep: CommandRow = {
  path: ["sleep"],
  summary: "wait some seconds",
  usage: "sleep SECONDS",
  flags: [],
  run(ctx, f) {
    const a = f.args[0];
    if (a === undefined) {
      ctx.io.err("sleep: missing operand\nTry 'sleep --help' for more information.\n");
      return 1;
    }
    const m = /^(\d+(?:\.\d+)?)([smh]?)$/.exec(a);
    if (!m) {
      ctx.io.err(`sleep: invalid time interval ‘${a}’\nTry 'sleep --help' for more information.\n`);
      return 1;
    }
    const ms = Number(m[1]) * (m[2] === "m" ? 60_000 : m[2] === "h" ? 3_600_000 : 1000);
    const wait = Math.min(ms, MAX_WAIT_MS);
    ctx.waitMs += wait;
    ctx.now += ms;
    return 0;
  },
};

const constant = (name: "true" | "false"): CommandRow => ({
  path: [name],
  summary: name === "true" ? "do nothing, successfully" : "do nothing, unsuccessfully",
  usage: name,
  rawArgs: true,
  flags: [],
  run: () => (name === "true" ? 0 : 1),
});

const exit: CommandRow = {
  path: ["exit"],
  summary: "(the lab's shell stays open)",
  usage: "exit",
  rawArgs: true,
  flags: [],
  run(ctx) {
    ctx.io.err("bash: exit: the lab's shell stays open — reset the lab or close the tab to leave\n");
    return 1;
  },
};

const WHERE: Readonly<Record<string, string>> = {
  kubectl: "/usr/local/bin/kubectl",
  cilium: "/usr/local/bin/cilium",
  hubble: "/usr/local/bin/hubble",
  helm: "/usr/local/bin/helm",
  docker: "/usr/bin/docker",
  curl: "/usr/bin/curl",
};

/** `which`, answering for the lab's programs. */
export function whichRow(known: (name: string) => boolean): CommandRow {
  return {
    path: ["which"],
    summary: "show where a program is",
    usage: "which NAME...",
    flags: [],
    run(ctx, f) {
      let code = 0;
      for (const a of f.args) {
        if (WHERE[a]) ctx.io.out(WHERE[a] + "\n");
        else if (known(a)) ctx.io.out(`/usr/bin/${a}\n`);
        else code = 1;
      }
      return code;
    },
  };
}

/** The builtin rows (help, sh -c and which are wired in programs.ts, they need the table). */
export const BUILTIN_COMMANDS: readonly CommandRow[] = [
  clear,
  history,
  exportCmd,
  unset,
  sleep,
  constant("true"),
  constant("false"),
  exit,
];
