/**
 * Impact preview: the probes whose verdict applying a manifest would change — newly allowed, newly
 * dropped, newly denied at L7 — as a diff of the reachability before and after. The "after" snapshot
 * is the one `kubectl apply -f FILE` would produce (same validation, same engine), so the preview is
 * exactly what applying does; the FQDN cache is the current one on both sides.
 */
import { apply, type ClusterState, type Diagnostic } from "@/lib/cluster";
import type { VerdictKind } from "@/lib/engine";
import { catalogue, probeKey, type Probe } from "./probes";
import { probeVerdict, verdictContext, type VerdictContext } from "./verdicts";

export type Change = "newly-allowed" | "newly-dropped" | "newly-denied-l7";

export interface ImpactRow {
  readonly probe: Probe;
  readonly before: VerdictKind;
  readonly after: VerdictKind;
  readonly change: Change;
  /** HTTP requests on the same flow with the same change, folded into this (L4) row. */
  readonly requests?: number;
}

export interface Impact {
  /** The changes, folded: a request to a Service stands for the same request to its backends, an L4 row for its HTTP requests. */
  readonly rows: readonly ImpactRow[];
  /** Every changed probe, unfolded. */
  readonly all: readonly ImpactRow[];
  /** Probes compared (both ends exist before and after). */
  readonly compared: number;
}

const changeOf = (after: VerdictKind): Change =>
  after === "allowed" ? "newly-allowed" : after === "dropped" ? "newly-dropped" : "newly-denied-l7";

/**
 * The "before" side per snapshot: the editor previews keystroke after keystroke against the same lab state, so
 * its verdicts are computed once per snapshot (snapshots are immutable; a probe's key names both its ends).
 */
const beforeSide = new WeakMap<ClusterState, { ctx: VerdictContext; verdicts: Map<string, VerdictKind | undefined> }>();

function beforeVerdict(before: ClusterState, probe: Probe): VerdictKind | undefined {
  let side = beforeSide.get(before);
  if (!side) {
    side = { ctx: verdictContext(before, before.fqdnCache), verdicts: new Map() };
    beforeSide.set(before, side);
  }
  if (side.verdicts.has(probe.key)) return side.verdicts.get(probe.key);
  const v = probeVerdict(side.ctx, probe);
  side.verdicts.set(probe.key, v);
  return v;
}

/** The probes whose verdict differs between two snapshots of one cluster. */
export function impactBetween(before: ClusterState, after: ClusterState): Impact {
  const a = verdictContext(after, before.fqdnCache);
  const all: ImpactRow[] = [];
  let compared = 0;
  const cat = catalogue(after);
  for (const probe of cat.probes) {
    const va = probeVerdict(a, probe);
    if (va === undefined) continue;
    const vb = beforeVerdict(before, probe);
    if (vb === undefined) continue;
    compared++;
    if (va !== vb) all.push({ probe, before: vb, after: va, change: changeOf(va) });
  }
  return { rows: fold(all, cat.backendProbes), all, compared };
}

const sameChange = (x: ImpactRow, y: ImpactRow | undefined): boolean =>
  y !== undefined && x.before === y.before && x.after === y.after;

function fold(all: readonly ImpactRow[], backendProbes: ReadonlyMap<string, readonly string[]>): ImpactRow[] {
  const byKey = new Map(all.map((r) => [r.probe.key, r]));
  const hidden = new Set<string>();
  for (const r of all)
    for (const k of backendProbes.get(r.probe.key) ?? []) if (sameChange(r, byKey.get(k))) hidden.add(k);
  const l4Key = (r: ImpactRow) =>
    probeKey(r.probe.from.ref, r.probe.to.ref, r.probe.port, r.probe.protocol, undefined, r.probe.dns);
  const requests = new Map<string, number>();
  for (const r of all) {
    if (!r.probe.http || hidden.has(r.probe.key)) continue;
    const k = l4Key(r);
    if (!hidden.has(k) && sameChange(r, byKey.get(k))) {
      hidden.add(r.probe.key);
      requests.set(k, (requests.get(k) ?? 0) + 1);
    }
  }
  return all
    .filter((r) => !hidden.has(r.probe.key))
    .map((r) => (requests.has(r.probe.key) ? { ...r, requests: requests.get(r.probe.key) } : r));
}

export type ManifestImpact =
  | {
      readonly ok: true;
      readonly impact: Impact;
      readonly after: ClusterState;
      readonly diagnostics: readonly Diagnostic[];
    }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/**
 * What applying `text` (as `kubectl apply -f source`) would change. Errors are apply's own
 * diagnostics (kubectl's wording); Cilium-layer warnings come back beside the impact.
 */
export function impactOfManifest(
  state: ClusterState,
  text: string,
  source: string,
  namespace?: string,
): ManifestImpact {
  const r = apply(state, text, { source, namespace });
  const errors = r.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0 && r.outcomes.length === 0) return { ok: false, diagnostics: r.diagnostics };
  return { ok: true, impact: impactBetween(state, r.state), after: r.state, diagnostics: r.diagnostics };
}
