/**
 * Probe verdicts over one snapshot, without explanations (the hot path of the impact preview and the
 * matrix): the engine's quickVerdict per (source, backend) pair, aggregated like evaluate() — a flow
 * through several backends is allowed only when every pair is, otherwise it takes the first failing
 * pair's verdict.
 */
import { type ClusterState, compiledState } from "@/lib/cluster";
import {
  type Compiled,
  agentCache,
  type FqdnCache,
  type FqdnCaches,
  learnThroughProxy,
  type Party,
  quickVerdict,
  resolveRef,
  type Target,
  type VerdictKind,
} from "@/lib/engine";
import type { Probe } from "./probes";

export interface VerdictContext {
  readonly c: Compiled;
  /** Per node, what that node's agent learned (a source sees only its own node's). */
  readonly caches: FqdnCaches;
  readonly sources: Map<string, Party | null>;
  readonly targets: Map<string, Target[] | null>;
  readonly learned: Map<string, FqdnCache>;
}

export function verdictContext(state: ClusterState, caches?: FqdnCaches): VerdictContext {
  return {
    c: compiledState(state),
    caches: caches ?? state.fqdnCache,
    sources: new Map(),
    targets: new Map(),
    learned: new Map(),
  };
}

function source(ctx: VerdictContext, ref: string): Party | undefined {
  let s = ctx.sources.get(ref);
  if (s === undefined) {
    const r = resolveRef(ctx.c, ref, 0);
    s = r.ok && r.targets.length === 1 ? (r.targets[0] as Target).party : null;
    ctx.sources.set(ref, s);
  }
  return s ?? undefined;
}

function targets(ctx: VerdictContext, ref: string, port: number): Target[] | undefined {
  const k = `${ref}:${port}`;
  let t = ctx.targets.get(k);
  if (t === undefined) {
    const r = resolveRef(ctx.c, ref, port);
    t = r.ok ? r.targets : null;
    ctx.targets.set(k, t);
  }
  return t ?? undefined;
}

/** The probe's verdict, or undefined when one of its ends does not exist in this snapshot. */
export function probeVerdict(ctx: VerdictContext, p: Probe): VerdictKind | undefined {
  const src = source(ctx, p.from.ref);
  const dsts = targets(ctx, p.to.ref, p.port);
  if (!src || !dsts) return undefined;
  const isQuery = p.dns !== undefined && p.port === 53;
  let names = agentCache(ctx.caches, src);
  if (p.dns !== undefined && !isQuery) {
    const k = `${p.from.ref}|${p.dns}`;
    let n = ctx.learned.get(k);
    if (!n) {
      n = learnThroughProxy(ctx.c, src, p.dns, names);
      ctx.learned.set(k, n);
    }
    names = n;
  }
  const l7 = { http: p.http, dnsQuery: isQuery ? p.dns : undefined };
  for (const dst of dsts) {
    const v = quickVerdict(ctx.c, { src, dst, srcPort: 40000, proto: p.protocol, l7, names });
    if (v !== "allowed") return v;
  }
  return "allowed";
}
