/**
 * What the shell's commands need of lib/cluster beyond its own functions (API.md): lists cached per snapshot,
 * and mutations whose results become printed lines — outcomes on stdout, error diagnostics on stderr, in
 * order (warnings such as policy-invalid are not printed: real kubectl doesn't).
 */
import {
  apply,
  create,
  deleteFromText,
  deleteObjects,
  label,
  listObjects,
  rolloutRestart,
  setSettings,
  type ClusterState,
  type DeleteRequest as TargetRequest,
  type KubeObject,
  type LabelRequest,
  type MutationResult,
  type ObjectRef,
  type ResourceType,
  type RestartRequest,
  type Settings,
} from "@/lib/cluster";
import type { OutLine, WriteResult } from "./api";

const nl = (s: string): string => (s.endsWith("\n") ? s : s + "\n");

/**
 * kubectl label's `label "k" not found.` notes come first on stdout, then outcomes — each preceded by the
 * `Warning: …` lines kubectl prints on stderr for that object (e.g. a missing last-applied annotation) —
 * then errors.
 */
function lines(r: MutationResult): OutLine[] {
  const notes = r.diagnostics.filter((d) => d.severity === "warning" && /^label ".*" not found\.$/.test(d.message));
  const warnings = r.diagnostics.filter((d) => d.code === "kubectl-warning");
  const same = (a: ObjectRef | undefined, b: ObjectRef): boolean =>
    a !== undefined && a.resource === b.resource && a.name === b.name && a.namespace === b.namespace;
  return [
    ...notes.map((d) => ({ fd: 1 as const, text: nl(d.message) })),
    ...r.outcomes.flatMap((o) => [
      ...warnings.filter((w) => same(w.object, o.ref)).map((w) => ({ fd: 2 as const, text: nl(w.message) })),
      { fd: 1 as const, text: nl(o.line) },
    ]),
    ...r.diagnostics.filter((d) => d.severity === "error").map((d) => ({ fd: 2 as const, text: nl(d.message) })),
  ];
}

function result(r: MutationResult): WriteResult {
  return { cluster: r.state, lines: lines(r), ok: r.ok };
}

/** Runs a mutation per text, threading the state; lines and ok accumulate. */
function each(
  state: ClusterState,
  texts: readonly { source: string; text: string }[],
  fn: (s: ClusterState, t: { source: string; text: string }) => MutationResult,
): WriteResult {
  let s = state;
  const all: OutLine[] = [];
  let ok = true;
  for (const t of texts) {
    const r = fn(s, t);
    s = r.state;
    all.push(...lines(r));
    ok = ok && r.ok;
  }
  return { cluster: s, lines: all, ok };
}

/**
 * Lists per snapshot: snapshots are immutable, and derived kinds (CiliumEndpoints, identities) cost the
 * engine a few ms per thousand pods to build, so a learner repeating `kubectl get cep -A` pays once.
 */
const listCache = new WeakMap<ClusterState, Map<string, readonly KubeObject[]>>();

function cachedList(state: ClusterState, plural: string): readonly KubeObject[] {
  let byType = listCache.get(state);
  if (!byType) listCache.set(state, (byType = new Map()));
  let hit = byType.get(plural);
  if (!hit) {
    const r = listObjects(state, plural, { allNamespaces: true });
    hit = r.ok ? r.value : [];
    byType.set(plural, hit);
  }
  return hit;
}

/** Objects of a type across all namespaces, sorted by namespace then name. */
export function objects(state: ClusterState, type: ResourceType): readonly KubeObject[] {
  return cachedList(state, type.plural);
}

type Texts = readonly { readonly source: string; readonly text: string }[];
type NamespaceOpt = { readonly namespace?: string } | undefined;
const nsOpt = (opts: NamespaceOpt) => (opts?.namespace !== undefined ? { namespace: opts.namespace } : {});

/** kubectl apply/create -f with the text of each file, in order; `namespace` is an explicit `-n`. */
export function write(state: ClusterState, mode: "apply" | "create", texts: Texts, opts?: NamespaceOpt): WriteResult {
  return each(state, texts, (s, t) =>
    (mode === "apply" ? apply : create)(s, t.text, { source: t.source, ...nsOpt(opts) }),
  );
}

/** kubectl delete -f (`namespace`: an explicit `-n`). */
export function removeTexts(state: ClusterState, texts: Texts, opts?: NamespaceOpt): WriteResult {
  return each(state, texts, (s, t) => deleteFromText(s, t.text, { source: t.source, ...nsOpt(opts) }));
}

/** kubectl delete TYPE NAME… / -l / --all. */
export const remove = (state: ClusterState, req: TargetRequest): WriteResult => result(deleteObjects(state, req));

/** kubectl label. */
export const relabel = (state: ClusterState, req: LabelRequest): WriteResult => result(label(state, req));

/** kubectl rollout restart TYPE [NAME…] (no names: every object of the type in the namespace). */
export const restart = (state: ClusterState, req: RestartRequest): WriteResult => result(rolloutRestart(state, req));

/** The cluster with Cilium's settings changed (cilium config set, helm upgrade, cilium-dbg config). */
export const configure = (state: ClusterState, patch: Partial<Settings>): ClusterState =>
  setSettings(state, patch).state;

/** Containers outside the cluster on the kind network (docker exec targets besides nodes). */
export const externals = (state: ClusterState): readonly { readonly name: string; readonly ip: string }[] =>
  state.scenario.externals.map((e) => ({ name: e.name, ip: e.ip }));
