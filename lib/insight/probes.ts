/**
 * The flows worth checking in a cluster: between the scenario's endpoints (pods, Services, nodes, the
 * outside addresses it knows) on the ports something listens on, plus one request per HTTP route of the
 * apps behind them and the DNS lookups of the outside names. Pods that no policy could tell apart (same
 * namespace, labels, node, ports and app) are one class, checked once through a representative: a
 * 1,000-pod Deployment costs one probe, not a thousand.
 */
import type { AppSpec, ClusterState } from "@/lib/cluster";
import { cmpStr, type FlowProto, type PodModel, type World } from "@/lib/engine";

export type EndpointKind = "pod" | "service" | "node" | "external";

/** One end of a probe: a flow reference (`ns/pod`, `svc:ns/name`, `node:NAME`, `external:NAME`). */
export interface EndpointRef {
  readonly ref: string;
  readonly kind: EndpointKind;
  readonly namespace?: string;
  /** Display name: `default/tiefighter`, `svc:default/deathstar`, `node:kind-worker`, `external:api.github.com`. */
  readonly name: string;
  /** Pods of the class (1 for everything else). */
  readonly members: readonly string[];
}

export interface Probe {
  /** Stable text identifying the probe (the diff joins before and after on it). */
  readonly key: string;
  readonly from: EndpointRef;
  readonly to: EndpointRef;
  readonly port: number;
  readonly protocol: FlowProto;
  readonly http?: { readonly method: string; readonly path: string };
  /** Reached by this name (a lookup through cluster DNS first), or, on port 53, the DNS query itself. */
  readonly dns?: string;
}

export interface PodClass {
  readonly rep: PodModel;
  readonly members: readonly PodModel[];
  readonly endpoint: EndpointRef;
}

function classKey(p: PodModel, byNode: boolean): string {
  const labels = Object.keys(p.labels)
    .sort(cmpStr)
    .map((k) => `${k}=${p.labels[k]}`)
    .join(",");
  const ports = p.ports.map((x) => `${x.name ?? ""}:${x.port}/${x.protocol}`).join(",");
  return `${p.namespace}|${labels}|${byNode ? p.node : ""}|${ports}|${p.app ?? ""}|${p.serviceAccount}`;
}

/**
 * Non-hostNetwork pods grouped into classes (sorted by the representative's `ns/name`). Between pods the
 * node does not matter (a pod's identity is the same everywhere); towards or from a node, or out through
 * an egress gateway (whose selectors may name nodes), it does: `byNode` splits classes per node.
 */
export function podClasses(world: World, byNode = false): PodClass[] {
  const by = new Map<string, PodModel[]>();
  for (const p of world.pods) {
    if (p.hostNetwork) continue;
    const k = classKey(p, byNode);
    const cur = by.get(k);
    if (cur) cur.push(p);
    else by.set(k, [p]);
  }
  const out: PodClass[] = [];
  for (const members of by.values()) {
    const sorted = [...members].sort((a, b) => cmpStr(`${a.namespace}/${a.name}`, `${b.namespace}/${b.name}`));
    const rep = sorted[0] as PodModel;
    const ref = `${rep.namespace}/${rep.name}`;
    out.push({
      rep,
      members: sorted,
      endpoint: {
        ref,
        kind: "pod",
        namespace: rep.namespace,
        name: ref,
        members: sorted.map((m) => `${m.namespace}/${m.name}`),
      },
    });
  }
  return out.sort((a, b) => cmpStr(a.endpoint.ref, b.endpoint.ref));
}

interface PortOf {
  readonly port: number;
  readonly protocol: FlowProto;
  readonly app?: AppSpec;
}

function appPorts(apps: ReadonlyMap<string, AppSpec>, name: string | undefined): PortOf[] {
  const app = name ? apps.get(name) : undefined;
  return app ? app.ports.map((p) => ({ port: p.port, protocol: p.protocol, app })) : [];
}

function uniqPorts(ps: readonly PortOf[]): PortOf[] {
  const m = new Map<string, PortOf>();
  for (const p of ps) {
    const k = `${p.port}/${p.protocol}`;
    const cur = m.get(k);
    if (!cur || (!cur.app && p.app)) m.set(k, p);
  }
  return [...m.values()].sort((a, b) => a.port - b.port || cmpStr(a.protocol, b.protocol));
}

function podPorts(apps: ReadonlyMap<string, AppSpec>, p: PodModel): PortOf[] {
  const app = p.app ? apps.get(p.app) : undefined;
  const declared = p.ports.map((x) => ({
    port: x.port,
    protocol: x.protocol as FlowProto,
    app: app?.ports.some((ap) => ap.port === x.port) ? app : undefined,
  }));
  return uniqPorts([...declared, ...appPorts(apps, p.app)]);
}

const ep = (ref: string, kind: EndpointKind, namespace?: string): EndpointRef => ({
  ref,
  kind,
  namespace,
  name: ref,
  members: [ref],
});

/** The probe's flow request for evaluate(): `{ from, to, port, protocol, http?, dns? }`. */
export function probeFlow(p: Probe): {
  from: string;
  to: string;
  port: number;
  protocol: FlowProto;
  http?: { method: string; path: string };
  dns?: string;
} {
  return {
    from: p.from.ref,
    to: p.to.ref,
    port: p.port,
    protocol: p.protocol,
    ...(p.http ? { http: p.http } : {}),
    ...(p.dns !== undefined ? { dns: p.dns } : {}),
  };
}

export function probeKey(
  from: string,
  to: string,
  port: number,
  protocol: FlowProto,
  http?: { method: string; path: string },
  dns?: string,
): string {
  return `${from} → ${to}:${port}/${protocol}${http ? ` ${http.method} ${http.path}` : ""}${dns !== undefined ? ` dns=${dns}` : ""}`;
}

function probesTo(from: EndpointRef, to: EndpointRef, ports: readonly PortOf[], dns?: string): Probe[] {
  const out: Probe[] = [];
  for (const p of ports) {
    out.push({
      key: probeKey(from.ref, to.ref, p.port, p.protocol, undefined, dns),
      from,
      to,
      port: p.port,
      protocol: p.protocol,
      ...(dns !== undefined ? { dns } : {}),
    });
    if (p.app?.http) {
      const seen = new Set<string>();
      for (const r of p.app.routes) {
        const k = `${r.method} ${r.path}`;
        if (seen.has(k)) continue;
        seen.add(k);
        const http = { method: r.method, path: r.path };
        out.push({
          key: probeKey(from.ref, to.ref, p.port, p.protocol, http, dns),
          from,
          to,
          port: p.port,
          protocol: p.protocol,
          http,
          ...(dns !== undefined ? { dns } : {}),
        });
      }
    }
  }
  return out;
}

export interface Catalogue {
  readonly classes: readonly PodClass[];
  readonly probes: readonly Probe[];
  /** Service probe key → the keys of the same request sent straight to each backend class. */
  readonly backendProbes: ReadonlyMap<string, readonly string[]>;
}

/** Every probe of a snapshot (sorted by key). */
export function catalogue(state: ClusterState): Catalogue {
  const world = state.world;
  const apps = state.scenario.apps;
  const classes = podClasses(world);
  const perNode = podClasses(world, true);
  const nodes = world.nodes.map((n) => ({ n, e: ep(`node:${n.name}`, "node") }));
  const externals = world.externals.map((x) => ({ x, e: ep(`external:${x.name}`, "external") }));
  const services = world.services
    .filter((s) => s.clusterIP && s.clusterIP !== "None")
    .map((s) => {
      const backend = world.pods.find(
        (p) =>
          p.namespace === s.namespace &&
          s.selector &&
          Object.keys(s.selector).length > 0 &&
          Object.entries(s.selector).every(([k, v]) => p.labels[k] === v),
      );
      const app = backend?.app ? apps.get(backend.app) : undefined;
      const ports = uniqPorts(
        s.ports.map((sp) => {
          const target =
            typeof sp.targetPort === "number"
              ? sp.targetPort
              : backend?.ports.find((cp) => cp.name === sp.targetPort)?.port;
          return {
            port: sp.port,
            protocol: sp.protocol as FlowProto,
            app: app?.http && app.ports.some((ap) => ap.port === target) ? app : undefined,
          };
        }),
      );
      return { s, e: ep(`svc:${s.namespace}/${s.name}`, "service", s.namespace), ports };
    });
  const dnsSvc = services.find((s) => s.e.ref === "svc:kube-system/kube-dns");
  const names = [...new Set(world.externals.flatMap((x) => x.hostnames))].sort(cmpStr);
  const probes: Probe[] = [];
  const classPorts = new Map(classes.map((c) => [c, podPorts(apps, c.rep)]));
  // A Service probe stands for the same request to each backend class on the target port.
  const classOf = new Map<PodModel, PodClass>();
  for (const c of classes) for (const m of c.members) classOf.set(m, c);
  const backendProbes = new Map<string, readonly string[]>();
  const backendKeys = (src: PodClass, svc: World["services"][number], p: Probe): string[] => {
    const sp = svc.ports.find((x) => x.port === p.port && x.protocol === p.protocol);
    if (!sp) return [];
    const out = new Set<string>();
    for (const b of world.pods) {
      if (
        b.hostNetwork ||
        b.namespace !== svc.namespace ||
        !svc.selector ||
        Object.keys(svc.selector).length === 0 ||
        !Object.entries(svc.selector).every(([k, v]) => b.labels[k] === v)
      )
        continue;
      const tp =
        typeof sp.targetPort === "number" ? sp.targetPort : b.ports.find((cp) => cp.name === sp.targetPort)?.port;
      const bc = classOf.get(b);
      if (tp === undefined || !bc || (bc === src && src.members.length === 1)) continue;
      out.add(probeKey(src.endpoint.ref, bc.endpoint.ref, tp, p.protocol, p.http, p.dns));
    }
    return [...out];
  };
  for (const src of classes) {
    for (const dst of classes) {
      if (dst === src && src.members.length === 1) continue;
      probes.push(...probesTo(src.endpoint, dst.endpoint, classPorts.get(dst) ?? []));
    }
    for (const s of services) {
      const ps = probesTo(src.endpoint, s.e, s.ports);
      probes.push(...ps);
      for (const p of ps) backendProbes.set(p.key, backendKeys(src, s.s, p));
    }
    if (dnsSvc) {
      for (const name of names)
        probes.push({
          key: probeKey(src.endpoint.ref, dnsSvc.e.ref, 53, "UDP", undefined, name),
          from: src.endpoint,
          to: dnsSvc.e,
          port: 53,
          protocol: "UDP",
          dns: name,
        });
    }
  }
  for (const src of perNode) {
    for (const { n, e } of nodes)
      probes.push(
        ...probesTo(
          src.endpoint,
          e,
          uniqPorts([
            ...n.listeners.map((l) => ({
              port: l.port,
              protocol: l.protocol as FlowProto,
              app: l.app ? apps.get(l.app) : undefined,
            })),
          ]),
        ),
      );
    for (const { x, e } of externals) {
      const ports = appPorts(apps, x.app);
      probes.push(...probesTo(src.endpoint, e, ports));
      const name = x.hostnames[0];
      if (name !== undefined) probes.push(...probesTo(src.endpoint, e, ports, name));
    }
  }
  for (const { n, e } of nodes) {
    for (const dst of perNode) probes.push(...probesTo(e, dst.endpoint, podPorts(apps, dst.rep)));
    for (const other of nodes) {
      if (other.n === n) continue;
      probes.push(
        ...probesTo(
          e,
          other.e,
          uniqPorts(other.n.listeners.map((l) => ({ port: l.port, protocol: l.protocol as FlowProto }))),
        ),
      );
    }
  }
  for (const { e } of externals) {
    for (const dst of perNode) probes.push(...probesTo(e, dst.endpoint, podPorts(apps, dst.rep)));
    for (const { n, e: ne } of nodes)
      probes.push(
        ...probesTo(e, ne, uniqPorts(n.listeners.map((l) => ({ port: l.port, protocol: l.protocol as FlowProto })))),
      );
  }
  const uniq = new Map(probes.map((p) => [p.key, p]));
  return { classes, probes: [...uniq.values()].sort((a, b) => cmpStr(a.key, b.key)), backendProbes };
}
