/**
 * The map's data: the cluster's endpoints grouped by namespace (pods), the nodes (host endpoints, shown
 * when traffic touches them or the host firewall is on) and the outside addresses; one edge per
 * (source, destination, verdict) of the observed flows; and, for a selected pod, its identity and the
 * policies whose rules select it.
 */
import { type ClusterState, compiledState, type FlowEvent } from "@/lib/cluster";
import { cmpStr, formatLabel, selectorMatches } from "@/lib/engine";
import { flowRows, type RowVerdict } from "./flows";

export interface GraphNode {
  readonly id: string;
  readonly label: string;
  readonly kind: "pod" | "node" | "external";
  /** Namespace for pods, `nodes`, `outside`. */
  readonly group: string;
}

export interface GraphEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly verdict: RowVerdict;
  readonly count: number;
  readonly ports: readonly string[];
}

export interface Graph {
  readonly groups: readonly string[];
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
}

const NODES = "nodes";
const OUTSIDE = "outside";

export function clusterGraph(state: ClusterState, flows: readonly FlowEvent[] = state.flows): Graph {
  const world = state.world;
  const externals = new Map(world.externals.map((e) => [e.ip, e.name]));
  const nodes = new Map<string, GraphNode>();
  for (const p of world.pods) {
    if (p.hostNetwork) continue;
    const id = `${p.namespace}/${p.name}`;
    nodes.set(id, { id, label: p.name, kind: "pod", group: p.namespace });
  }
  for (const e of world.externals)
    nodes.set(`external:${e.name}`, { id: `external:${e.name}`, label: e.name, kind: "external", group: OUTSIDE });
  const rows = flowRows(flows, externals);
  const hostsUsed = new Set<string>();
  const edges = new Map<
    string,
    { source: string; target: string; verdict: RowVerdict; count: number; ports: Set<string> }
  >();
  for (const r of rows) {
    const f = r.flow;
    if (!f) continue;
    for (const end of [f.from, f.to]) if (end.startsWith("node:")) hostsUsed.add(end.slice(5));
    const known = (ref: string) => nodes.has(ref) || ref.startsWith("node:");
    if (!known(f.from) || !known(f.to)) continue;
    const k = `${f.from}|${f.to}|${r.verdict}`;
    const cur = edges.get(k) ?? {
      source: f.from,
      target: f.to,
      verdict: r.verdict,
      count: 0,
      ports: new Set<string>(),
    };
    cur.count++;
    cur.ports.add(`${f.port}/${f.protocol ?? "TCP"}`);
    edges.set(k, cur);
  }
  for (const n of world.nodes) {
    if (world.settings.hostFirewall || hostsUsed.has(n.name))
      nodes.set(`node:${n.name}`, { id: `node:${n.name}`, label: n.name, kind: "node", group: NODES });
  }
  const list = [...nodes.values()].sort((a, b) => cmpStr(a.group, b.group) || cmpStr(a.label, b.label));
  const groups = [...new Set(list.map((n) => n.group))].sort((a, b) =>
    a === OUTSIDE ? 1 : b === OUTSIDE ? -1 : a === NODES ? 1 : b === NODES ? -1 : cmpStr(a, b),
  );
  return {
    groups,
    nodes: list,
    edges: [...edges.entries()]
      .filter(([, e]) => nodes.has(e.source) && nodes.has(e.target))
      .map(([id, e]) => ({
        id,
        source: e.source,
        target: e.target,
        verdict: e.verdict,
        count: e.count,
        ports: [...e.ports].sort(),
      })),
  };
}

/**
 * What the map's layout depends on: the groups, the endpoints in them and which edges join them — not how many
 * flows an edge carries or on which ports. Equal shapes lay out the same, so a new flow on a known edge, a save
 * or any other new state object with the same endpoints keeps the map (and the keyboard focus) where it is.
 */
export function graphShape(g: Graph): string {
  return JSON.stringify([g.groups, g.nodes.map((n) => [n.id, n.group]), g.edges.map((e) => e.id)]);
}

export interface PodDetails {
  readonly ref: string;
  readonly identity: number;
  readonly labels: readonly string[];
  readonly node: string;
  readonly ip: string;
  /** `CiliumNetworkPolicy default/rule1`, with the directions in which it selects the pod. */
  readonly policies: readonly { readonly name: string; readonly directions: readonly ("ingress" | "egress")[] }[];
}

/** The identity of a pod and the policies whose rules select it. */
export function podDetails(state: ClusterState, ref: string): PodDetails | undefined {
  const c = compiledState(state);
  const pod = c.index.pods.get(ref);
  if (!pod) return undefined;
  const identity = c.podIdentity(pod);
  if (!identity) return undefined;
  const by = new Map<string, Set<"ingress" | "egress">>();
  for (const r of c.rules) {
    if (r.subject.kind !== "endpoints" || !selectorMatches(r.subject.selector, identity.index)) continue;
    const name = `${r.kind} ${r.namespace !== undefined ? `${r.namespace}/` : ""}${r.name}`;
    const dirs = by.get(name) ?? new Set();
    if (r.hasSection.ingress) dirs.add("ingress");
    if (r.hasSection.egress) dirs.add("egress");
    by.set(name, dirs);
  }
  return {
    ref,
    identity: identity.id,
    labels: identity.labels.map(formatLabel),
    node: pod.node,
    ip: pod.ip,
    policies: [...by].sort((a, b) => cmpStr(a[0], b[0])).map(([name, d]) => ({ name, directions: [...d].sort() })),
  };
}
