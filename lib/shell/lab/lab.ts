/**
 * `lab` — the lab's own tool (not a Kubernetes or Cilium command): the answers of the Explain panel, the
 * "Allow this" draft, the impact preview and the reachability matrix, as text for the keyboard, screen
 * readers and scripts. Errors are specific (which flag, which pod) and cobra-styled like the other CLIs.
 */
import {
  explainFlow,
  explanationLines,
  draftAllowPolicy,
  impactLine,
  impactOfManifest,
  matrixLines,
  reachability,
} from "@/lib/insight";
import type { Flow } from "@/lib/cluster";
import { fail, type ProgramSpec } from "../cobra";
import { flag, type FlagSpec, type ParsedFlags } from "../flags";
import type { CommandRow, Ctx } from "../types";
import { resolvePath } from "../vfs";

const FLOW_FLAGS: readonly FlagSpec[] = [
  { name: "from", type: "string", usage: "source: NS/POD, NS/WORKLOAD, node:NAME or external:NAME" },
  { name: "to", type: "string", usage: "destination: NS/POD, NS/WORKLOAD, svc:NS/NAME, external:NAME or node:NAME" },
  { name: "port", type: "int", usage: "destination port (the Service port for svc:)" },
  { name: "protocol", type: "string", usage: "TCP, UDP or SCTP (default TCP)", values: ["TCP", "UDP", "SCTP"] },
  { name: "http-method", type: "string", usage: "HTTP method of the request (with --http-path)" },
  { name: "http-path", type: "string", usage: "HTTP path of the request (with --http-method)" },
  { name: "dns", type: "string", usage: "reach the destination by this DNS name (on port 53: the DNS query)" },
];

function fails(ctx: Ctx, path: string, message: string, usage = true): number {
  return fail(ctx, "cobra", path, message, usage ? "flag" : "plain");
}

/** Checks a reference against the cluster, with the specific error a learner needs. */
function refError(ctx: Ctx, ref: string, what: "from" | "to"): string | undefined {
  const world = ctx.state.cluster.world;
  if (ref.startsWith("svc:")) {
    if (what === "from") return `--from ${ref}: a Service is not a source; name a pod (NS/POD)`;
    const [ns, name] = ref.slice(4).split("/");
    if (!name) return `--to ${ref}: expected svc:NAMESPACE/NAME`;
    return world.services.some((s) => s.namespace === ns && s.name === name)
      ? undefined
      : `service "${name}" not found in namespace "${ns}"`;
  }
  if (ref.startsWith("node:"))
    return world.nodes.some((n) => n.name === ref.slice(5))
      ? undefined
      : `node "${ref.slice(5)}" not found (nodes: ${world.nodes.map((n) => n.name).join(", ")})`;
  if (ref.startsWith("external:")) {
    const names = world.externals.map((e) => e.name);
    return names.includes(ref.slice(9))
      ? undefined
      : `external address "${ref.slice(9)}" not known in this lab (${names.length > 0 ? `known: ${names.join(", ")}` : "this scenario has none"})`;
  }
  if (/^\d+\.\d+\.\d+\.\d+$/.test(ref)) return undefined;
  const slash = ref.indexOf("/");
  if (slash <= 0)
    return `--${what} ${ref}: expected NAMESPACE/POD${what === "to" ? ", svc:NAMESPACE/NAME, external:NAME or node:NAME" : ", node:NAME or external:NAME"}`;
  const ns = ref.slice(0, slash);
  const name = ref.slice(slash + 1);
  if (!world.namespaces.some((n) => n.name === ns)) return `namespace "${ns}" not found`;
  if (world.pods.some((p) => p.namespace === ns && (p.name === name || p.owner?.name === name))) return undefined;
  return `pod "${name}" not found in namespace "${ns}"`;
}

/** The flow the flags describe, or the error to print. */
function flowOf(ctx: Ctx, path: string, f: ParsedFlags): Flow | number {
  const missing = ["from", "to", "port"].filter((n) => !f.values.has(n));
  if (missing.length > 0)
    return fails(ctx, path, `required flag(s) ${missing.map((m) => `"${m}"`).join(", ")} not set`);
  const from = flag(f, "from");
  const to = flag(f, "to");
  const port = Number(flag(f, "port"));
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    return fails(ctx, path, `invalid argument "${flag(f, "port")}" for "--port" flag: a port is 1-65535`);
  const protocol = flag(f, "protocol", "TCP").toUpperCase();
  if (protocol !== "TCP" && protocol !== "UDP" && protocol !== "SCTP")
    return fails(
      ctx,
      path,
      `invalid argument "${flag(f, "protocol")}" for "--protocol" flag: must be TCP, UDP or SCTP`,
    );
  const method = f.values.get("http-method");
  const hpath = f.values.get("http-path");
  if ((method === undefined) !== (hpath === undefined))
    return fails(
      ctx,
      path,
      `--http-method and --http-path go together: give both (e.g. --http-method GET --http-path /)`,
    );
  if (hpath !== undefined && !hpath.startsWith("/"))
    return fails(ctx, path, `invalid argument "${hpath}" for "--http-path" flag: an HTTP path starts with /`);
  for (const [ref, what] of [
    [from, "from"],
    [to, "to"],
  ] as const) {
    const e = refError(ctx, ref, what);
    if (e) return fails(ctx, path, e, false);
  }
  const dns = f.values.get("dns");
  return {
    from,
    to,
    port,
    protocol,
    ...(method !== undefined && hpath !== undefined ? { http: { method: method.toUpperCase(), path: hpath } } : {}),
    ...(dns !== undefined ? { dns } : {}),
  };
}

const explain: CommandRow = {
  path: ["lab", "explain"],
  summary:
    "explain a flow's verdict: which policy and rule decided, the default deny and the nearest rule that did not match",
  usage:
    "lab explain --from NS/POD --to NS/POD|svc:NS/NAME|external:NAME|node:NAME --port N [--protocol TCP|UDP] [--http-method M --http-path P] [--dns NAME]",
  flags: FLOW_FLAGS,
  run(ctx, f) {
    const flow = flowOf(ctx, "lab explain", f);
    if (typeof flow === "number") return flow;
    const r = explainFlow(ctx.state.cluster, flow);
    if (!r.ok) return fails(ctx, "lab explain", r.error, false);
    ctx.io.out(explanationLines(r.explanation).join("\n") + "\n");
    return 0;
  },
};

const allow: CommandRow = {
  path: ["lab", "allow"],
  summary: "print the narrowest CiliumNetworkPolicy that allows a dropped or L7-denied flow (lab allow … > allow.yaml)",
  usage:
    "lab allow --from NS/POD --to NS/POD|svc:NS/NAME|external:NAME|node:NAME --port N [--protocol TCP|UDP] [--http-method M --http-path P] [--dns NAME]",
  flags: FLOW_FLAGS,
  run(ctx, f) {
    const flow = flowOf(ctx, "lab allow", f);
    if (typeof flow === "number") return flow;
    const r = draftAllowPolicy(ctx.state.cluster, flow);
    if (!r.ok) return fails(ctx, "lab allow", r.error, false);
    ctx.io.out(r.yaml);
    if (r.note) ctx.io.err(`Warning: ${r.note}\n`);
    return 0;
  },
};

const impact: CommandRow = {
  path: ["lab", "impact"],
  summary: "the flows applying FILE would change, before → after (nothing is applied)",
  usage: "lab impact FILE",
  args: "files",
  flags: [
    {
      name: "namespace",
      short: "n",
      type: "string",
      usage: "namespace for documents without one (as kubectl apply -n)",
    },
  ],
  run(ctx, f) {
    const file = f.args[0];
    if (file === undefined)
      return fails(
        ctx,
        "lab impact",
        "requires a FILE argument: the manifest to preview (e.g. lab impact policy.yaml)",
      );
    if (f.args.length > 1) return fails(ctx, "lab impact", `accepts 1 FILE, received ${f.args.length}`);
    const text = file === "-" ? ctx.io.stdin : ctx.state.files[resolvePath(ctx.state.cwd, file)];
    if (text === undefined) return fails(ctx, "lab impact", `open ${file}: no such file or directory`, false);
    const ns = f.values.get("namespace");
    const r = impactOfManifest(ctx.state.cluster, text, file === "-" ? "STDIN" : file, ns);
    for (const d of r.diagnostics) {
      if (d.severity === "error") ctx.io.err(`${d.message}\n`);
      else if (d.code === "policy-invalid" || d.code === "policy-warning") ctx.io.err(`Warning: ${d.message}\n`);
    }
    if (!r.ok) return 1;
    const { rows, all, compared } = r.impact;
    if (rows.length === 0) {
      ctx.io.out(`Applying ${file} changes no verdict (${compared} flows checked).\n`);
      return 0;
    }
    ctx.io.out(
      `Applying ${file} would change ${all.length} of ${compared} flows${rows.length < all.length ? ` (${rows.length} lines: a Service stands for its backends, an L4 line for its HTTP requests)` : ""}:\n${rows.map((x) => `  ${impactLine(x)}`).join("\n")}\n`,
    );
    return 0;
  },
};

const matrix: CommandRow = {
  path: ["lab", "matrix"],
  summary: "the reachability grid between pods, on one port or on each destination's own ports",
  usage: "lab matrix [--namespace NS] [--port N] [--protocol TCP|UDP]",
  flags: [
    { name: "namespace", short: "n", type: "string", usage: "only the pods of this namespace" },
    { name: "port", type: "int", usage: "check this port for every destination" },
    { name: "protocol", type: "string", usage: "TCP, UDP or SCTP (default TCP)", values: ["TCP", "UDP", "SCTP"] },
  ],
  run(ctx, f) {
    const state = ctx.state.cluster;
    const ns = f.values.get("namespace");
    if (ns !== undefined && !state.world.namespaces.some((n) => n.name === ns))
      return fails(ctx, "lab matrix", `namespace "${ns}" not found`, false);
    const portText = f.values.get("port");
    const port = portText === undefined ? undefined : Number(portText);
    if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65535))
      return fails(ctx, "lab matrix", `invalid argument "${portText}" for "--port" flag: a port is 1-65535`);
    const protocol = flag(f, "protocol", "TCP").toUpperCase();
    if (protocol !== "TCP" && protocol !== "UDP" && protocol !== "SCTP")
      return fails(
        ctx,
        "lab matrix",
        `invalid argument "${flag(f, "protocol")}" for "--protocol" flag: must be TCP, UDP or SCTP`,
      );
    const m = reachability(state, { namespace: ns, port, protocol });
    ctx.io.out(matrixLines(m).join("\n") + "\n");
    return 0;
  },
};

export const LAB: ProgramSpec = {
  name: "lab",
  rows: [explain, allow, impact, matrix],
  globalFlags: [],
  style: "cobra",
  rootHelp:
    "lab — this lab's own tool (not part of Kubernetes or Cilium): why flows get their verdicts, and what a policy would change.\n\n" +
    "Usage:\n  lab [command]\n\nAvailable Commands:\n" +
    "  allow       print the narrowest CiliumNetworkPolicy that allows a dropped flow\n" +
    "  explain     explain a flow's verdict\n" +
    "  impact      the flows applying a file would change\n" +
    "  matrix      the reachability grid between pods\n\n" +
    "Examples:\n  lab explain --from default/xwing --to svc:default/deathstar --port 80\n  lab allow --from default/xwing --to svc:default/deathstar --port 80 > allow.yaml\n  lab impact allow.yaml\n  lab matrix --namespace default --port 80\n\n" +
    'Use "lab [command] --help" for more information about a command.\n',
};
