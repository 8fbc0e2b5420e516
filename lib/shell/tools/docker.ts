/** docker exec CONTAINER CMD… on kind nodes and external containers of the kind network; docker ps. */
import { KUBERNETES_VERSION } from "../kubectl/constants";
import { byPlural } from "../kubectl/resources";
import { parseFlags } from "../flags";
import { runRemote } from "../remote";
import { tabwrite } from "../printers/tabwriter";
import type { Ctx } from "../types";
import { externals, objects } from "../cluster/ops";

const NODES = byPlural("nodes");

function containers(ctx: Ctx): { name: string; node: boolean }[] {
  return [
    ...objects(ctx.state.cluster, NODES).map((n) => ({ name: n.metadata.name, node: true })),
    ...externals(ctx.state.cluster).map((e) => ({ name: e.name, node: false })),
  ];
}

/** `docker` entry point (exec and ps). */
export function docker(ctx: Ctx, argv: readonly string[]): number {
  const sub = argv[1];
  if (sub === "ps") {
    const rows = containers(ctx).map((c, i) => [
      `${(0x3f2a9c1d7e00 + i * 0x1111).toString(16).slice(0, 12)}`,
      c.node ? `kindest/node:${KUBERNETES_VERSION}` : "nicolaka/netshoot:latest",
      c.node ? '"/usr/local/bin/entr…"' : '"sleep infinity"',
      "2 hours ago",
      "Up 2 hours",
      c.name === "kind-control-plane" ? "127.0.0.1:40917->6443/tcp" : "",
      c.name,
    ]);
    ctx.io.out(
      tabwrite(
        [["CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES"], ...rows]
          .map((r) => r.join("\t"))
          .join("\n") + "\n",
        { minwidth: 0, padding: 3 },
      ),
    );
    return 0;
  }
  if (sub !== "exec") {
    ctx.io.err(
      sub === undefined
        ? "Usage:  docker [OPTIONS] COMMAND\n\nThis lab supports: docker exec CONTAINER COMMAND, docker ps\n"
        : `docker: '${sub}' is not a docker command.\nSee 'docker --help'\n`,
    );
    return sub === undefined ? 0 : 1;
  }
  const p = parseFlags(
    argv.slice(2),
    [
      { name: "interactive", short: "i", type: "bool", usage: "Keep STDIN open even if not attached" },
      { name: "tty", short: "t", type: "bool", usage: "Allocate a pseudo-TTY" },
      { name: "user", short: "u", type: "string", usage: "Username or UID" },
    ],
    false,
  );
  if (!p.ok) {
    ctx.io.err(`${p.error}\nSee 'docker exec --help'.\n`);
    return 125;
  }
  const [name, ...cmd] = p.flags.args;
  if (name === undefined || cmd.length === 0) {
    ctx.io.err(
      `"docker exec" requires at least 2 arguments.\nSee 'docker exec --help'.\n\nUsage:  docker exec [OPTIONS] CONTAINER COMMAND [ARG...]\n\nExecute a command in a running container\n`,
    );
    return 1;
  }
  const target = containers(ctx).find((c) => c.name === name);
  if (!target) {
    ctx.io.err(`Error response from daemon: No such container: ${name}\n`);
    return 1;
  }
  return runRemote(
    ctx,
    {
      origin: target.node ? { kind: "node", name } : { kind: "external", name },
      tty: p.flags.values.get("tty") === "true",
      hostname: name,
    },
    cmd,
  );
}
