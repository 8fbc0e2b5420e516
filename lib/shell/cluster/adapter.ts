/**
 * ClusterApi over lib/cluster (API.md): every method delegates to the documented functions and wraps the
 * returned ClusterState in a new handle. Mutation results become printed lines: outcomes on stdout, error
 * diagnostics on stderr, in order (warnings such as policy-invalid are not printed: real kubectl doesn't).
 */
import {
  apply,
  ciliumConfig,
  ciliumEndpoints,
  ciliumIdentities,
  create,
  deleteFromText,
  deleteObjects,
  egressGatewayEntries,
  getSettings,
  label,
  listObjects,
  policyRepository,
  rolloutRestart,
  setSettings,
  connect as engineConnect,
  type ClusterState,
  type KubeObject,
  type MutationResult,
  type ObjectRef,
} from "@/lib/cluster";
import type { Json } from "../printers/yaml";
import type { ClusterApi, OutLine, WriteResult } from "./api";

const nl = (s: string): string => (s.endsWith("\n") ? s : s + "\n");

/**
 * kubectl label's `label "k" not found.` notes come first on stdout, then outcomes — each preceded by the
 * `Warning: …` lines kubectl prints on stderr for that object (e.g. a missing last-applied annotation) —
 * then errors.
 */
function lines(r: MutationResult): OutLine[] {
  const notes = r.diagnostics.filter((d) => d.severity === "warning" && /^label ".*" not found\.$/.test(d.message));
  const warnings = r.diagnostics.filter((d) => d.code === "kubectl-warning");
  const same = (a: ObjectRef | undefined, b: ObjectRef): boolean => a !== undefined && a.resource === b.resource && a.name === b.name && a.namespace === b.namespace;
  return [
    ...notes.map((d) => ({ fd: 1 as const, text: nl(d.message) })),
    ...r.outcomes.flatMap((o) => [...warnings.filter((w) => same(w.object, o.ref)).map((w) => ({ fd: 2 as const, text: nl(w.message) })), { fd: 1 as const, text: nl(o.line) }]),
    ...r.diagnostics.filter((d) => d.severity === "error").map((d) => ({ fd: 2 as const, text: nl(d.message) })),
  ];
}

function result(r: MutationResult): WriteResult {
  return { cluster: wrap(r.state), lines: lines(r), ok: r.ok };
}

/** Runs a mutation per text, threading the state; lines and ok accumulate. */
function each(state: ClusterState, texts: readonly { source: string; text: string }[], fn: (s: ClusterState, t: { source: string; text: string }) => MutationResult): WriteResult {
  let s = state;
  const all: OutLine[] = [];
  let ok = true;
  for (const t of texts) {
    const r = fn(s, t);
    s = r.state;
    all.push(...lines(r));
    ok = ok && r.ok;
  }
  return { cluster: wrap(s), lines: all, ok };
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

/** Wraps a ClusterState into the shell's handle. */
export function wrap(state: ClusterState): ClusterApi {
  return {
    list: (type) => cachedList(state, type.plural),
    write: (mode, texts, opts) => each(state, texts, (s, t) => (mode === "apply" ? apply : create)(s, t.text, { source: t.source, ...(opts?.namespace !== undefined ? { namespace: opts.namespace } : {}) })),
    removeTexts: (texts, opts) => each(state, texts, (s, t) => deleteFromText(s, t.text, { source: t.source, ...(opts?.namespace !== undefined ? { namespace: opts.namespace } : {}) })),
    remove: (req) => result(deleteObjects(state, { ...req, names: [...req.names] })),
    relabel: (req) => result(label(state, { ...req, names: [...req.names], labels: [...req.labels] })),
    restart: (req) => result(rolloutRestart(state, { ...req, names: [...req.names] })),
    settings: () => getSettings(state),
    ciliumConfig: () => ciliumConfig(state),
    configure: (patch) => wrap(setSettings(state, patch).state),
    connect(req) {
      const r = engineConnect(state, req);
      return { cluster: wrap(r.state), result: r.result };
    },
    flows: () => state.flows,
    externals: () => state.scenario.externals.map((e) => ({ name: e.name, ip: e.ip })),
    agentEndpoints: (node) =>
      ciliumEndpoints(state, node).map((e) => ({
        id: e.id, node: e.node, ...(e.pod !== undefined ? { namespace: e.namespace, pod: e.pod } : {}), identity: e.identity, labels: e.labels, ipv4: e.ipv4,
        ingressEnforcement: e.ingressEnforcement, egressEnforcement: e.egressEnforcement, status: e.status,
      })),
    egressMap: (node) => egressGatewayEntries(state, node),
    identities: () => ciliumIdentities(state).map((i) => ({ id: i.id, labels: i.labels })),
    policyRepository: () => {
      const p = policyRepository(state);
      return { rules: p.rules as readonly Json[], revision: p.revision };
    },
    journal: () => state.journal,
    state: () => state,
  };
}

/** The lib/cluster snapshot behind a shell's cluster handle. */
export function clusterState(api: ClusterApi): ClusterState {
  return api.state();
}
