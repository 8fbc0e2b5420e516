/** kubectl describe TYPE [NAME_PREFIX] | TYPE/NAME, with -l and -A (kubectl pkg/cmd/describe/describe.go). */
import type { KObject } from "../cluster/api";
import { boolFlag, type ParsedFlags } from "../flags";
import type { Ctx } from "../types";
import { namespaceOf, noResources, notFound, typeOrError } from "./common";
import { describeObject, type DescribeEnv } from "./describers";
import { RESOURCES, type ResourceType } from "./resources";
import { matches, parseSelector } from "./selector";
import { objects } from "../cluster/ops";

function env(ctx: Ctx, events: boolean): DescribeEnv {
  return {
    now: ctx.now,
    events,
    find(kind, namespace, name) {
      const t = RESOURCES.find((r) => r.plural === kind);
      return t
        ? objects(ctx.state.cluster, t).find(
            (o) => o.metadata.name === name && (!t.namespaced || o.metadata.namespace === namespace),
          )
        : undefined;
    },
    eventsFor(o) {
      const t = RESOURCES.find((r) => r.plural === "events");
      if (!t) return [];
      const uid = o.metadata.uid;
      return objects(ctx.state.cluster, t).filter((e) => {
        const io = (e as unknown as { involvedObject?: Record<string, string | undefined> }).involvedObject ?? {};
        return (
          io.kind === o.kind &&
          io.name === o.metadata.name &&
          (io.namespace ?? "") === (o.metadata.namespace ?? "") &&
          (uid === undefined || io.uid === uid)
        );
      });
    },
  };
}

export function runDescribe(ctx: Ctx, f: ParsedFlags): number {
  const args = f.args;
  if (args.length === 0) {
    ctx.io.err(
      "You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.\nSee 'kubectl describe -h' for help and examples\n",
    );
    return 1;
  }
  const allNs = boolFlag(f, "all-namespaces");
  const ns = namespaceOf(f, ctx);
  const showEvents = f.values.get("show-events");
  const pairs: { type: ResourceType; name?: string }[] = [];
  if ((args[0] ?? "").includes("/")) {
    for (const a of args) {
      const t = typeOrError(ctx, a.slice(0, a.indexOf("/")));
      if (!t) return 1;
      pairs.push({ type: t, name: a.slice(a.indexOf("/") + 1) });
    }
  } else {
    const t = typeOrError(ctx, args[0] as string);
    if (!t) return 1;
    if (args.length === 1) pairs.push({ type: t });
    else pairs.push(...args.slice(1).map((name) => ({ type: t, name })));
  }
  const sel = parseSelector(f.values.get("selector") ?? "");
  if (!sel.ok) {
    ctx.io.err(`error: ${sel.error}\n`);
    return 1;
  }
  const found: { type: ResourceType; obj: KObject; prefix: boolean }[] = [];
  const errors: string[] = [];
  for (const p of pairs) {
    const scope = objects(ctx.state.cluster, p.type).filter(
      (o) => !p.type.namespaced || allNs || o.metadata.namespace === ns,
    );
    if (p.name === undefined) {
      found.push(
        ...scope
          .filter((o) => matches(sel.reqs, o.metadata.labels))
          .map((obj) => ({ type: p.type, obj, prefix: false })),
      );
      continue;
    }
    const exact = scope.find((o) => o.metadata.name === p.name);
    if (exact) found.push({ type: p.type, obj: exact, prefix: false });
    else {
      const byPrefix = scope.filter((o) => o.metadata.name.startsWith(p.name as string));
      if (byPrefix.length === 0) errors.push(notFound(p.type, p.name));
      else found.push(...byPrefix.map((obj) => ({ type: p.type, obj, prefix: true })));
    }
  }
  if (found.length === 0 && errors.length === 0) {
    ctx.io.err(
      noResources(
        pairs.every((p) => p.type.namespaced),
        allNs,
        ns,
      ),
    );
    return 0;
  }
  if (found.every((x) => x.prefix)) {
    // DescribeMatchingResources: every match with its events, each followed by a newline
    ctx.io.out(
      found.map((x) => describeObject(x.type.plural, x.obj, env(ctx, showEvents !== "false")) + "\n").join(""),
    );
  } else {
    const events = showEvents !== undefined ? showEvents === "true" : found.length <= 1;
    ctx.io.out(found.map((x) => describeObject(x.type.plural, x.obj, env(ctx, events))).join("\n\n"));
  }
  for (const e of errors) ctx.io.err(e);
  return errors.length > 0 ? 1 : 0;
}
