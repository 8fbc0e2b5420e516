/**
 * kubectl rollout restart | status (kubectl pkg/cmd/rollout): `restart` stamps the restartedAt annotation
 * (lib/cluster rolloutRestart rolls the pods), `status` reports a settled rollout with kubectl's wording
 * (polymorphichelpers/rollout_status.go). The lab's controllers finish at once, so there is nothing to wait for.
 */
import type { KObject } from "../cluster/api";
import type { ParsedFlags } from "../flags";
import type { Ctx } from "../types";
import { str } from "./access";
import { printWrite } from "./apply";
import { namespaceOf, notFound, typeOrError } from "./common";
import { objects, restart } from "../cluster/ops";

/** `TYPE/NAME…`, `TYPE NAME…` or `TYPE` (all of them) → one type and its names, or an error text. */
function targets(args: readonly string[]): { type: string; names: string[] } | string {
  if (args.length === 0) return "error: required resource not specified\n";
  const first = args[0] as string;
  if (first.includes("/")) {
    if (args.some((a) => !a.includes("/"))) {
      return "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'\n";
    }
    const types = [...new Set(args.map((a) => a.slice(0, a.indexOf("/"))))];
    if (types.length > 1) return "error: you must specify resources of one type at a time\n";
    return { type: types[0] as string, names: args.map((a) => a.slice(a.indexOf("/") + 1)) };
  }
  return { type: first, names: args.slice(1) };
}

export function runRestart(ctx: Ctx, f: ParsedFlags): number {
  const t = targets(f.args);
  if (typeof t === "string") {
    ctx.io.err(t);
    return 1;
  }
  const selector = f.values.get("selector");
  const r = restart(ctx.state.cluster, {
    type: t.type,
    names: t.names,
    namespace: namespaceOf(f, ctx),
    ...(selector !== undefined ? { selector } : {}),
  });
  ctx.state = { ...ctx.state, cluster: r.cluster };
  return printWrite(ctx, r);
}

/** What `kubectl rollout status` prints for a workload whose rollout has finished. */
function settled(o: KObject): string | undefined {
  switch (o.kind) {
    case "Deployment":
      return `deployment ${JSON.stringify(o.metadata.name)} successfully rolled out\n`;
    case "DaemonSet":
      return `daemon set ${JSON.stringify(o.metadata.name)} successfully rolled out\n`;
    case "StatefulSet":
      return `statefulset rolling update complete ${Number((o.status as { currentReplicas?: number } | undefined)?.currentReplicas ?? 0)} pods at revision ${str(o, "status.currentRevision")}...\n`;
    default:
      return undefined;
  }
}

export function runStatus(ctx: Ctx, f: ParsedFlags): number {
  const t = targets(f.args);
  if (typeof t === "string") {
    ctx.io.err(t);
    return 1;
  }
  const type = typeOrError(ctx, t.type);
  if (!type) return 1;
  const ns = namespaceOf(f, ctx);
  const all = objects(ctx.state.cluster, type).filter(
    (o) => !type.namespaced || (o.metadata.namespace ?? "default") === ns,
  );
  const found = t.names.length > 0 ? t.names.map((n) => all.find((o) => o.metadata.name === n) ?? n) : all;
  if (found.length !== 1) {
    ctx.io.err(
      found.length === 0
        ? `No resources found in ${ns} namespace.\n`
        : "error: rollout status is only supported on individual resources and resource collections of size 1\n",
    );
    return 1;
  }
  const o = found[0] as KObject | string;
  if (typeof o === "string") {
    ctx.io.err(notFound(type, o));
    return 1;
  }
  const text = settled(o);
  if (text === undefined) {
    ctx.io.err(
      `error: no status viewer has been implemented for ${type.group ? `${type.kind}.${type.group}` : type.kind}\n`,
    );
    return 1;
  }
  ctx.io.out(text);
  return 0;
}
