"use client";
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type FocusEvent,
  type RefObject,
  type KeyboardEvent,
} from "react";
import {
  applyNodeChanges,
  Background,
  Handle,
  MarkerType,
  Position,
  ReactFlow,
  type Edge,
  type Node,
  type NodeChange,
  type NodeProps,
} from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import ELK, { type ElkNode } from "elkjs/lib/elk.bundled.js";
import type { ClusterState } from "@/lib/cluster";
import { settle } from "@/lib/base/deferred";
import {
  clusterGraph,
  graphShape,
  podDetails,
  reachability,
  type Graph,
  type Matrix,
  type PodDetails,
} from "@/lib/insight";
import { useLab } from "../LabContext";
import { useLoaded } from "../deferred/use-loaded";

const W = 170;
const H = 34;
const COLORS = { forwarded: "#10b981", dropped: "#ef4444", "denied-l7": "#f59e0b" } as const;

type EndpointData = { label: string; kind: string; id: string };

/**
 * The selected endpoint reaches the nodes through context, not through their data: a node object that changes
 * is a new node to React Flow (re-measured, hidden until then), and a hidden button loses the keyboard focus.
 */
const Selection = createContext<{ selected: string | null; select(id: string): void }>({
  selected: null,
  select: () => undefined,
});

function EndpointNode({ data }: NodeProps<Node<EndpointData>>) {
  const { selected: current, select } = useContext(Selection);
  const selected = current === data.id;
  const onKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    const next =
      e.key === "ArrowDown" || e.key === "ArrowRight" ? 1 : e.key === "ArrowUp" || e.key === "ArrowLeft" ? -1 : 0;
    if (!next) return;
    e.preventDefault();
    const all = [
      ...(e.currentTarget.closest("[data-map]")?.querySelectorAll<HTMLButtonElement>("button[data-endpoint]") ?? []),
    ];
    const i = all.indexOf(e.currentTarget);
    all[(i + next + all.length) % all.length]?.focus();
  };
  return (
    <>
      <Handle type="target" position={Position.Left} className="!opacity-0" />
      <button
        type="button"
        data-endpoint={data.id}
        aria-pressed={selected}
        aria-label={`${data.kind} ${data.id}`}
        onClick={() => select(data.id)}
        onKeyDown={onKey}
        className={`nodrag h-full w-full truncate rounded border px-2 text-left font-mono text-[0.7rem] ${
          selected
            ? "border-sky-500 bg-sky-100 dark:bg-sky-950"
            : "border-slate-300 bg-white dark:border-slate-600 dark:bg-slate-900"
        } focus:outline-2 focus:outline-sky-500`}
      >
        {data.kind === "external" ? "↗ " : data.kind === "node" ? "▣ " : ""}
        {data.label}
      </button>
      <Handle type="source" position={Position.Right} className="!opacity-0" />
    </>
  );
}

const nodeTypes = { endpoint: EndpointNode };
const elk = new ELK();

async function layout(g: Graph): Promise<{ groups: ElkNode[]; positions: Map<string, { x: number; y: number }> }> {
  const root: ElkNode = {
    id: "root",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": "RIGHT",
      "elk.hierarchyHandling": "INCLUDE_CHILDREN",
      "elk.spacing.nodeNode": "14",
      "elk.layered.spacing.nodeNodeBetweenLayers": "60",
    },
    children: g.groups.map((grp) => ({
      id: `group:${grp}`,
      layoutOptions: { "elk.padding": "[top=28,left=10,bottom=10,right=10]" },
      children: g.nodes.filter((n) => n.group === grp).map((n) => ({ id: n.id, width: W, height: H })),
    })),
    edges: g.edges.map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  };
  const out = await elk.layout(root);
  const positions = new Map<string, { x: number; y: number }>();
  for (const grp of out.children ?? [])
    for (const c of grp.children ?? []) positions.set(c.id, { x: c.x ?? 0, y: c.y ?? 0 });
  return { groups: out.children ?? [], positions };
}

/**
 * React Flow's nodes for a laid-out graph. Every node has its size up front (`width`, `height`), so React Flow
 * never hides one while it measures it; a node already on the map keeps what React Flow measured of it (its
 * handles), so a new layout only moves it.
 */
function flowNodes(
  g: Graph,
  groups: readonly ElkNode[],
  positions: ReadonlyMap<string, { x: number; y: number }>,
  before: readonly Node[],
): Node[] {
  const measured = new Map(before.map((n) => [n.id, n.measured]));
  const nodes: Node[] = [];
  for (const grp of groups) {
    nodes.push({
      id: grp.id,
      type: "group",
      position: { x: grp.x ?? 0, y: grp.y ?? 0 },
      data: { label: grp.id.slice(6) },
      width: grp.width,
      height: grp.height,
      selectable: false,
      ariaLabel: `namespace ${grp.id.slice(6)}`,
    });
  }
  for (const n of g.nodes) {
    const was = measured.get(n.id);
    nodes.push({
      id: n.id,
      type: "endpoint",
      parentId: `group:${n.group}`,
      extent: "parent",
      position: positions.get(n.id) ?? { x: 0, y: 0 },
      data: { label: n.label, kind: n.kind, id: n.id } satisfies EndpointData,
      width: W,
      height: H,
      ...(was ? { measured: was } : {}),
    });
  }
  return nodes;
}

/** The endpoint button for `id` inside `root`, if it is on the map. */
function endpointButton(root: HTMLElement | null, id: string): HTMLButtonElement | undefined {
  return [...(root?.querySelectorAll<HTMLButtonElement>("button[data-endpoint]") ?? [])].find(
    (b) => b.dataset.endpoint === id,
  );
}

/** How long (in frames, about a second) the map tries to give the focus back to an endpoint that lost it. */
const RESTORE_FRAMES = 60;

/**
 * Keeps the keyboard on the endpoint it was on when the map changes under it: if that button goes away or is
 * hidden (a re-render, a new layout) and the focus falls to the page's body, it goes back to the same endpoint
 * as soon as its button can take it. Focus the learner moves (Tab, a click anywhere) is theirs: a pointer press
 * or focus landing on another element forgets the endpoint.
 */
function useKeptFocus(root: RefObject<HTMLDivElement | null>) {
  const focused = useRef<string | null>(null);
  /** True when there is nothing (more) to do: no endpoint to return to, the focus is somewhere, or it is back. */
  const restore = useCallback(() => {
    const id = focused.current;
    const active = document.activeElement;
    if (id === null || (active !== null && active !== document.body)) return true;
    const button = endpointButton(root.current, id);
    button?.focus({ preventScroll: true });
    return button !== undefined && document.activeElement === button;
  }, [root]);
  useEffect(() => {
    const forget = () => (focused.current = null);
    document.addEventListener("pointerdown", forget, true);
    return () => document.removeEventListener("pointerdown", forget, true);
  }, []);
  const onFocus = useCallback((e: FocusEvent<HTMLDivElement>) => {
    const id = e.target instanceof HTMLElement ? e.target.dataset.endpoint : undefined;
    focused.current = id ?? null;
  }, []);
  const onBlur = useCallback(
    (e: FocusEvent<HTMLDivElement>) => {
      // Focus moved to another element (inside the map, onFocus takes over): the learner's choice.
      if (e.relatedTarget !== null) {
        focused.current = null;
        return;
      }
      // Nowhere: the button was removed or hidden (or the window lost focus: the button stays active, nothing to
      // do). Try again each frame until it can take the focus back.
      let frames = 0;
      const retry = () => {
        if (!restore() && ++frames < RESTORE_FRAMES) requestAnimationFrame(retry);
      };
      requestAnimationFrame(retry);
    },
    [restore],
  );
  return { onFocus, onBlur, restore };
}

/** The cluster as a graph: pods by namespace, nodes, outside addresses, observed flows by verdict; or the matrix. */
export function MapView() {
  const { view } = useLab();
  const state = view.shell ? view.shell.cluster : null;
  const [mode, setMode] = useState<"graph" | "matrix">("graph");
  const [selected, setSelected] = useState<string | null>(null);
  const graph = useMemo(() => (state ? clusterGraph(state) : null), [state]);
  const shape = useMemo(() => (graph ? graphShape(graph) : null), [graph]);
  // The layout of the last graph laid out: redone only when the graph's shape changes (endpoints, edges),
  // not on every new state object (a flow on a known edge, a save, a command that changed nothing here).
  const [laid, setLaid] = useState<{ shape: string; graph: Graph; nodes: Node[] } | null>(null);
  const laidShape = laid?.shape ?? null;
  const root = useRef<HTMLDivElement>(null);
  const kept = useKeptFocus(root);

  useEffect(() => {
    if (!graph || shape === null || shape === laidShape) return;
    let live = true;
    void layout(graph).then(({ groups, positions }) => {
      if (live) setLaid((prev) => ({ shape, graph, nodes: flowNodes(graph, groups, positions, prev?.nodes ?? []) }));
    });
    return () => {
      live = false;
    };
  }, [graph, shape, laidShape]);

  // A new layout replaced the buttons: the keyboard goes back to the endpoint it was on.
  const { restore } = kept;
  useLayoutEffect(() => void restore(), [laid, restore]);

  // React Flow reports what it measured; kept in the nodes, so it is not measured (and hidden) again.
  const onNodesChange = useCallback(
    (changes: NodeChange[]) => setLaid((l) => l && { ...l, nodes: applyNodeChanges(changes, l.nodes) }),
    [],
  );
  const selection = useMemo(() => ({ selected, select: setSelected }), [selected]);
  // The edges' counts and ports are the current graph's; while a new shape is being laid out, the laid graph's.
  const edgeGraph = laid && shape === laid.shape && graph ? graph : laid?.graph;
  const edges = useMemo(
    () =>
      (edgeGraph?.edges ?? []).map((e): Edge => {
        const hot = selected !== null && (e.source === selected || e.target === selected);
        return {
          id: e.id,
          source: e.source,
          target: e.target,
          label: `${e.ports.join(", ")} ×${e.count}`,
          style: {
            stroke: COLORS[e.verdict],
            strokeWidth: hot ? 3 : 1.5,
            opacity: selected === null || hot ? 1 : 0.3,
          },
          markerEnd: { type: MarkerType.ArrowClosed, color: COLORS[e.verdict] },
          labelStyle: { fontSize: 9 },
        };
      }),
    [edgeGraph, selected],
  );

  if (!state || !graph) return null;
  return (
    <div
      ref={root}
      className="flex h-full min-h-0 flex-col text-sm"
      data-map
      onFocus={kept.onFocus}
      onBlur={kept.onBlur}
    >
      <div className="flex items-center gap-2 border-b border-slate-200 px-3 py-2 text-xs dark:border-slate-800">
        <div role="group" aria-label="Map view" className="flex gap-1">
          {(["graph", "matrix"] as const).map((m) => (
            <button
              key={m}
              type="button"
              aria-pressed={mode === m}
              onClick={() => setMode(m)}
              className={`rounded px-2 py-0.5 ${mode === m ? "bg-slate-200 dark:bg-slate-800" : "border border-slate-300 dark:border-slate-700"}`}
            >
              {m === "graph" ? "Graph" : "Reachability matrix"}
            </button>
          ))}
        </div>
        <span className="ml-auto flex gap-3" aria-hidden="true">
          <span style={{ color: COLORS.forwarded }}>━ forwarded</span>
          <span style={{ color: COLORS.dropped }}>━ dropped</span>
          <span style={{ color: COLORS["denied-l7"] }}>━ denied at L7</span>
        </span>
      </div>
      {mode === "matrix" ? (
        <MatrixTable state={state} />
      ) : (
        <div className="flex min-h-0 flex-1">
          <div className="min-h-72 min-w-0 flex-1">
            {laid ? (
              <Selection.Provider value={selection}>
                <ReactFlow
                  nodes={laid.nodes}
                  edges={edges}
                  onNodesChange={onNodesChange}
                  nodeTypes={nodeTypes}
                  nodesDraggable={false}
                  nodesConnectable={false}
                  nodesFocusable={false}
                  edgesFocusable={false}
                  elementsSelectable={false}
                  fitView
                  proOptions={{ hideAttribution: true }}
                >
                  <Background />
                </ReactFlow>
              </Selection.Provider>
            ) : (
              <p className="p-4 text-slate-500">Laying out the map…</p>
            )}
          </div>
          <aside
            aria-label="Selected endpoint"
            className="w-64 shrink-0 overflow-y-auto border-l border-slate-200 p-3 text-xs dark:border-slate-800"
          >
            {selected ? (
              <Details state={state} refName={selected} />
            ) : (
              <p className="text-slate-500">
                Select a pod (Tab to the map, arrows to move, Enter to select) to see its identity and the policies that
                select it.
              </p>
            )}
          </aside>
        </div>
      )}
    </div>
  );
}

function Details({ state, refName }: { state: ClusterState; refName: string }) {
  // a pod's identity and policies need the policy compiler, which may still be on its way
  const read = useCallback((): PodDetails | null => podDetails(state, refName) ?? null, [state, refName]);
  const d = useLoaded(read);
  if (d === undefined) return <p className="text-slate-500">Loading {refName}…</p>;
  if (!d) return <p>{refName}: not a pod (nodes and outside addresses have no pod identity).</p>;
  return (
    <div data-testid="map-details">
      <h3 className="font-mono font-semibold">{d.ref}</h3>
      <p className="mt-1">
        Identity <strong>{d.identity}</strong> · {d.ip} on {d.node}
      </p>
      <ul className="mt-1 font-mono text-[0.65rem] text-slate-600 dark:text-slate-400">
        {d.labels.map((l) => (
          <li key={l}>{l}</li>
        ))}
      </ul>
      <h4 className="mt-3 font-semibold">Policies selecting it</h4>
      {d.policies.length === 0 ? (
        <p className="text-slate-500">None: its traffic is not enforced (unless the enforcement mode is always).</p>
      ) : (
        <ul className="mt-1 space-y-1">
          {d.policies.map((p) => (
            <li key={p.name} className="rounded bg-amber-100 px-1.5 py-0.5 dark:bg-amber-950">
              {p.name} <span className="text-slate-500">({p.directions.join(", ") || "no rules"})</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

const CELL = { allowed: "allowed", l7: "L7", dropped: "dropped", partial: "some ports", none: "—" } as const;

function MatrixTable({ state }: { state: ClusterState }) {
  const namespaces = useMemo(
    () => [...new Set(state.world.pods.filter((p) => !p.hostNetwork).map((p) => p.namespace))].sort(),
    [state],
  );
  const [ns, setNs] = useState(namespaces.includes("default") ? "default" : (namespaces[0] ?? ""));
  const [port, setPort] = useState("80");
  const [m, setM] = useState<Matrix | null>(null);
  useEffect(() => {
    let live = true;
    const p = Number(port);
    void settle(() =>
      reachability(state, {
        namespace: ns,
        ...(port !== "" && Number.isInteger(p) && p > 0 && p < 65536 ? { port: p } : {}),
      }),
    ).then((r) => live && setM(r));
    return () => {
      live = false;
    };
  }, [state, ns, port]);
  return (
    <div className="min-h-0 flex-1 overflow-auto p-3">
      <div className="flex gap-3 text-xs">
        <label className="flex items-center gap-1">
          Namespace
          <select
            value={ns}
            onChange={(e) => setNs(e.target.value)}
            className="rounded border border-slate-300 bg-white px-1 dark:border-slate-700 dark:bg-slate-900"
          >
            {namespaces.map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-1">
          Port
          <input
            value={port}
            onChange={(e) => setPort(e.target.value.replace(/\D/g, ""))}
            inputMode="numeric"
            placeholder="own ports"
            className="w-20 rounded border border-slate-300 bg-white px-1 font-mono dark:border-slate-700 dark:bg-slate-900"
          />
        </label>
      </div>
      {m ? (
        <table className="mt-3 border-collapse font-mono text-[0.7rem]">
          <caption className="mb-1 text-left font-sans text-xs text-slate-600 dark:text-slate-400">
            Reachability in {ns}{" "}
            {m.port !== undefined ? `on ${m.protocol}/${m.port}` : "on each destination's own ports"}: rows are sources,
            columns destinations
          </caption>
          <thead>
            <tr>
              <th scope="col" className="px-2 py-1 text-left">
                from \ to
              </th>
              {m.pods.map((p) => (
                <th key={p.ref} scope="col" className="px-2 py-1 text-left">
                  {p.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {m.pods.map((p, i) => (
              <tr key={p.ref} className="border-t border-slate-200 dark:border-slate-800">
                <th scope="row" className="px-2 py-1 text-left">
                  {p.name}
                </th>
                {(m.cells[i] ?? []).map((c, j) => (
                  <td
                    key={j}
                    className={`px-2 py-1 ${c.kind === "dropped" ? "text-red-600" : c.kind === "none" ? "text-slate-400" : "text-emerald-600"}`}
                  >
                    {c.kind === "partial" ? c.ports.join(",") : CELL[c.kind]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="mt-3 text-slate-500">Computing…</p>
      )}
    </div>
  );
}
