/**
 * The reachability matrix between pods: for each (from, to) the verdict on one port, or — without a
 * port — over the ports the destination listens on. Cells say whether the flow passes at L4 and
 * whether an L7 proxy then decides per request (an allowed port with HTTP rules reads "L7").
 */
import type { ClusterState } from "@/lib/cluster";
import { agentCache, cmpStr, evaluatePair, type FlowProto, type Party, type PodModel, resolveRef } from "@/lib/engine";
import { verdictContext } from "./verdicts";

export type CellKind = "allowed" | "l7" | "dropped" | "partial" | "none";

export interface MatrixCell {
  readonly kind: CellKind;
  /** Ports that pass (allowed or L7) when only some do; the port checked otherwise. */
  readonly ports: readonly number[];
  /** Ports checked. */
  readonly checked: readonly number[];
}

export interface MatrixPod {
  readonly ref: string;
  readonly namespace: string;
  readonly name: string;
  /** Ports the pod listens on (container ports and its app's). */
  readonly ports: readonly { readonly port: number; readonly protocol: FlowProto }[];
}

export interface Matrix {
  readonly port?: number;
  readonly protocol: FlowProto;
  readonly pods: readonly MatrixPod[];
  /** cells[from][to] */
  readonly cells: readonly (readonly MatrixCell[])[];
}

export interface MatrixOptions {
  readonly namespace?: string;
  readonly port?: number;
  readonly protocol?: FlowProto;
}

function listening(state: ClusterState, p: PodModel): { port: number; protocol: FlowProto }[] {
  const app = p.app ? state.scenario.apps.get(p.app) : undefined;
  const m = new Map<string, { port: number; protocol: FlowProto }>();
  for (const x of [...p.ports, ...(app?.ports ?? [])])
    m.set(`${x.port}/${x.protocol}`, { port: x.port, protocol: x.protocol });
  return [...m.values()].sort((a, b) => a.port - b.port);
}

export function reachability(state: ClusterState, opts: MatrixOptions = {}): Matrix {
  const ctx = verdictContext(state);
  const c = ctx.c;
  const protocol = opts.protocol ?? "TCP";
  const pods = state.world.pods
    .filter((p) => !p.hostNetwork && (opts.namespace === undefined || p.namespace === opts.namespace))
    .sort((a, b) => cmpStr(`${a.namespace}/${a.name}`, `${b.namespace}/${b.name}`));
  const rows: MatrixPod[] = pods.map((p) => ({
    ref: `${p.namespace}/${p.name}`,
    namespace: p.namespace,
    name: p.name,
    ports: listening(state, p),
  }));
  const party = (p: PodModel): Party | undefined => {
    const r = resolveRef(c, `${p.namespace}/${p.name}`, 0);
    return r.ok ? r.targets[0]?.party : undefined;
  };
  const parties = pods.map(party);
  // Identity pairs decide (pods do not see each other's node): compute each (src id, dst id, port) once.
  const memo = new Map<string, "allowed" | "l7" | "dropped">();
  const one = (si: number, di: number, port: number, proto: FlowProto): "allowed" | "l7" | "dropped" => {
    const src = parties[si];
    const dst = parties[di];
    if (!src || !dst) return "dropped";
    const k = `${c.podIdentity(pods[si] as PodModel)?.id}|${c.podIdentity(pods[di] as PodModel)?.id}|${port}/${proto}|${(pods[di] as PodModel).ports.some((x) => x.name) ? di : ""}`;
    let v = memo.get(k);
    if (!v) {
      const verdict = evaluatePair(c, {
        src,
        dst: { party: dst, port },
        srcPort: 40000,
        proto,
        l7: {},
        names: agentCache(ctx.caches, src),
      });
      v = verdict.verdict === "dropped" ? "dropped" : verdict.steps.some((s) => s.proxy === "http") ? "l7" : "allowed";
      memo.set(k, v);
    }
    return v;
  };
  const cells = pods.map((_, si) =>
    pods.map((__, di): MatrixCell => {
      const checked = opts.port !== undefined ? [{ port: opts.port, protocol }] : (rows[di] as MatrixPod).ports;
      if (checked.length === 0) return { kind: "none", ports: [], checked: [] };
      const vs = checked.map((p) => one(si, di, p.port, p.protocol));
      const pass = checked.filter((_p, i) => vs[i] !== "dropped").map((p) => p.port);
      const kind: CellKind =
        pass.length === 0
          ? "dropped"
          : pass.length < checked.length
            ? "partial"
            : vs.some((v) => v === "l7")
              ? "l7"
              : "allowed";
      return { kind, ports: pass, checked: checked.map((p) => p.port) };
    }),
  );
  return { port: opts.port, protocol, pods: rows, cells };
}
