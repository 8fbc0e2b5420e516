/**
 * Commands inside a container (kubectl exec POD -- …, docker exec NODE …): the network tools, a few basics,
 * `sh -c` scripts, and cilium-dbg in the Cilium agent. Anything else fails as the container runtime does.
 */
import type { Ctx } from "../types";
import type { ClientEnv } from "../net/connect";
import { curl } from "../net/curl";
import { dig, nc, nslookup, ping } from "../net/tools";
import { TEXT_COMMANDS } from "../coreutils/text";
import { runLocal } from "../local";
import type { RemoteTool } from "./names";

export interface RemoteEnv extends ClientEnv {
  /** Host name shown by `hostname` (the pod or node name). */
  readonly hostname: string;
  /** The Cilium agent container: cilium-dbg is there. */
  readonly agent?: (ctx: Ctx, argv: readonly string[]) => number;
}

type Tool = (ctx: Ctx, env: RemoteEnv, argv: readonly string[]) => number;

const RESOLV = (ns: string | undefined): string =>
  ns === undefined
    ? "nameserver 172.18.0.1\noptions ndots:0\n"
    : `search ${ns}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n`;

/** The container's programs: exactly the names of ./names.ts (the compiler holds them equal). */
const OWN_TOOLS = {
  curl,
  nc,
  nslookup,
  dig,
  ping,
  hostname: (ctx, env) => (ctx.io.out(env.hostname + "\n"), 0),
  echo: (ctx, _env, argv) => (ctx.io.out(argv.slice(1).join(" ") + "\n"), 0),
  true: () => 0,
  false: () => 1,
  cat: (ctx, env, argv) => {
    let code = 0;
    for (const f of argv.slice(1)) {
      if (f === "/etc/resolv.conf") ctx.io.out(RESOLV(env.origin.kind === "pod" ? env.origin.namespace : undefined));
      else if (f === "/etc/hostname") ctx.io.out(env.hostname + "\n");
      else {
        ctx.io.err(`cat: ${f}: No such file or directory\n`);
        code = 1;
      }
    }
    return code;
  },
  sh: (ctx, env, argv) => shell(ctx, env, argv),
  bash: (ctx, env, argv) => shell(ctx, env, argv),
} satisfies Record<RemoteTool, Tool>;

const TOOLS: Readonly<Record<string, Tool>> = {
  ...OWN_TOOLS,
  ...Object.fromEntries(
    TEXT_COMMANDS.map((row) => [
      row.path[0] as string,
      (ctx: Ctx, _env: RemoteEnv, argv: readonly string[]) => runLocal(ctx, row, argv),
    ]),
  ),
};

function shell(ctx: Ctx, env: RemoteEnv, argv: readonly string[]): number {
  const i = argv.indexOf("-c");
  if (i < 0 || argv[i + 1] === undefined) {
    ctx.io.err(`${argv[0]}: this lab runs scripts only: ${argv[0]} -c 'COMMAND'\n`);
    return 2;
  }
  return ctx.sh(ctx, argv[i + 1] as string, (c, a) => runRemote(c, env, a));
}

/** Runs argv in the container; returns the remote exit code. */
export function runRemote(ctx: Ctx, env: RemoteEnv, argv: readonly string[]): number {
  const name = (argv[0] ?? "").replace(/^\/(usr\/)?(s?bin)\//, "");
  if ((name === "cilium-dbg" || name === "cilium") && env.agent) return env.agent(ctx, argv);
  const tool = TOOLS[name];
  if (tool) return tool(ctx, env, argv);
  ctx.io.err(
    `OCI runtime exec failed: exec failed: unable to start container process: exec: "${argv[0]}": executable file not found in $PATH: unknown\n`,
  );
  return 127;
}
