/**
 * The object store behind ClusterState: keys, metadata from the injected clock/random, and the
 * derivation of the engine's World (cached per objects map).
 */
import {
  cmpStr,
  compileWorld,
  type Compiled,
  type ContainerPort,
  type PodModel,
  type PolicyKind,
  type PolicyObject,
  policyKey,
  type Protocol,
  type ServiceModel,
  type World,
} from "@/lib/engine";
import type { ClusterState, Deps, KubeObject, ObjectMeta, Stored } from "./types";
import type { Scenario } from "./scenario/types";
import { asArr, type Raw } from "@/lib/engine";

export const objKey = (resource: string, namespace: string | undefined, name: string): string =>
  `${resource}|${namespace ?? ""}|${name}`;

/** RFC 3339 seconds, as Kubernetes prints timestamps. */
export function isoTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

export function uuid(random: () => number): string {
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join("");
  const variant = "89ab"[Math.floor(random() * 4)] ?? "8";
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
}

export function randomSuffix(random: () => number, n: number): string {
  const alphabet = "bcdfghjklmnpqrstvwxz2456789";
  return Array.from({ length: n }, () => alphabet[Math.floor(random() * alphabet.length)] ?? "x").join("");
}

const POLICY_KINDS: Readonly<Record<string, PolicyKind>> = {
  networkpolicies: "NetworkPolicy",
  ciliumnetworkpolicies: "CiliumNetworkPolicy",
  ciliumclusterwidenetworkpolicies: "CiliumClusterwideNetworkPolicy",
  ciliumegressgatewaypolicies: "CiliumEgressGatewayPolicy",
};

export function isPolicyResource(resource: string): boolean {
  return resource in POLICY_KINDS;
}

/**
 * The engine's view of a stored policy. Cached on the policy's body (spec/specs), which survives the copies
 * apply makes (adding status, annotations), so the engine's per-object analysis cache hits for the object
 * the Valid condition was computed on and for the one stored.
 */
const policyObjects = new WeakMap<object, PolicyObject>();
export function policyObjectOf(kind: PolicyKind, o: KubeObject): PolicyObject {
  const body: object = (o.spec ?? o.specs ?? o) as object;
  const ns =
    kind === "NetworkPolicy" || kind === "CiliumNetworkPolicy" ? (o.metadata.namespace ?? "default") : undefined;
  const key = policyKey(kind, ns, o.metadata.name);
  let p = policyObjects.get(body);
  if (!p || p.key !== key || p.uid !== o.metadata.uid || p.kind !== kind || p.spec !== o.spec || p.specs !== o.specs) {
    p = { key, kind, namespace: ns, name: o.metadata.name, uid: o.metadata.uid, spec: o.spec, specs: o.specs };
    policyObjects.set(body, p);
  }
  return p;
}

function podModel(o: KubeObject, scenario: Scenario): PodModel {
  const spec = (o.spec ?? {}) as Raw;
  const status = (o.status ?? {}) as Raw;
  const ports: ContainerPort[] = asArr(spec.containers).flatMap((c) =>
    asArr(c.ports).map((p) => ({
      name: typeof p.name === "string" ? p.name : undefined,
      port: Number(p.containerPort),
      protocol: String(p.protocol ?? "TCP") as Protocol,
    })),
  );
  const ref = asArr(o.metadata.ownerReferences)[0];
  let owner: PodModel["owner"];
  if (ref) {
    const kind = String(ref.kind);
    const name = String(ref.name);
    owner =
      kind === "ReplicaSet"
        ? { kind: "Deployment", name: name.replace(/-[a-z0-9]+$/, "") }
        : { kind: kind as "StatefulSet", name };
  }
  const ns = o.metadata.namespace ?? "default";
  const wl = scenario.workloads.find(
    (w) => w.namespace === ns && (w.name === owner?.name || (w.kind === "Pod" && w.name === o.metadata.name)),
  );
  return {
    name: o.metadata.name,
    namespace: ns,
    labels: o.metadata.labels ?? {},
    node: String(spec.nodeName ?? ""),
    ip: String(status.podIP ?? ""),
    hostNetwork: spec.hostNetwork === true,
    ports,
    serviceAccount: String(spec.serviceAccountName ?? "default"),
    owner,
    app: wl?.app,
  };
}

function serviceModel(o: KubeObject, scenario: Scenario): ServiceModel {
  const spec = (o.spec ?? {}) as Raw;
  const ns = o.metadata.namespace ?? "default";
  const sc = scenario.services.find((s) => s.namespace === ns && s.name === o.metadata.name);
  return {
    name: o.metadata.name,
    namespace: ns,
    clusterIP: String(spec.clusterIP ?? ""),
    selector: spec.selector ? (spec.selector as Record<string, string>) : undefined,
    ports: asArr(spec.ports).map((p) => ({
      name: typeof p.name === "string" ? p.name : undefined,
      port: Number(p.port),
      targetPort: typeof p.targetPort === "string" ? p.targetPort : Number(p.targetPort ?? p.port),
      protocol: String(p.protocol ?? "TCP") as Protocol,
    })),
    endpoints: spec.selector ? undefined : sc?.endpoints,
  };
}

/** Derive the engine's World from the store. */
export function buildWorld(
  objects: ReadonlyMap<string, Stored>,
  scenario: Scenario,
  settings: World["settings"],
  allocations: ReadonlyMap<string, number>,
): World {
  const sorted = [...objects.values()].sort((a, b) =>
    cmpStr(
      objKey(a.resource, a.object.metadata.namespace, a.object.metadata.name),
      objKey(b.resource, b.object.metadata.namespace, b.object.metadata.name),
    ),
  );
  const of = (r: string) => sorted.filter((s) => s.resource === r).map((s) => s.object);
  const nodes = of("nodes").map((o) => {
    const sn = scenario.nodes.find((n) => n.name === o.metadata.name);
    const addr = asArr((o.status as Raw | undefined)?.addresses).find((a) => a.type === "InternalIP");
    const ip = String(addr?.address ?? sn?.ip ?? "");
    return {
      name: o.metadata.name,
      ip,
      labels: o.metadata.labels ?? {},
      podCIDR: String((o.spec as Raw | undefined)?.podCIDR ?? sn?.podCIDR ?? ""),
      interfaces: sn?.interfaces ?? [{ name: "eth0", ipv4: [ip] }],
      defaultRouteInterface: sn?.defaultRouteInterface ?? "eth0",
      listeners: sn?.listeners ?? [],
    };
  });
  return {
    clusterName: scenario.clusterName,
    nodes,
    namespaces: of("namespaces").map((o) => ({ name: o.metadata.name, labels: o.metadata.labels ?? {} })),
    pods: of("pods").map((o) => podModel(o, scenario)),
    services: of("services").map((o) => serviceModel(o, scenario)),
    externals: scenario.externals,
    settings,
    policies: sorted
      .filter((s) => isPolicyResource(s.resource))
      .map((s) => policyObjectOf(POLICY_KINDS[s.resource] as PolicyKind, s.object)),
    cidrGroups: of("ciliumcidrgroups").map((o) => ({
      name: o.metadata.name,
      labels: o.metadata.labels ?? {},
      cidrs: asArr((o.spec as Raw | undefined)?.externalCIDRs as unknown).map(String),
    })),
    pinnedIdentities: allocations,
  };
}

const compiledCache = new WeakMap<World, Compiled>();
/** The compiled snapshot for a state (cached: a verdict is lookups). */
export function compiled(state: ClusterState): Compiled {
  let c = compiledCache.get(state.world);
  if (!c) {
    c = compileWorld(state.world);
    compiledCache.set(state.world, c);
  }
  return c;
}

/** Metadata for a new object. */
export function newMeta(
  deps: Deps,
  rv: number,
  name: string,
  namespace: string | undefined,
  labels: Record<string, string> | undefined,
  annotations: Record<string, string> | undefined,
  timeMs?: number,
): ObjectMeta {
  const m: ObjectMeta = {
    name,
    ...(namespace !== undefined ? { namespace } : {}),
    ...(labels && Object.keys(labels).length > 0 ? { labels } : {}),
    ...(annotations && Object.keys(annotations).length > 0 ? { annotations } : {}),
    uid: uuid(deps.random),
    resourceVersion: String(rv),
    creationTimestamp: isoTime(timeMs ?? deps.clock()),
  };
  return m;
}
