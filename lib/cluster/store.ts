/**
 * The object store behind ClusterState: keys, metadata from the injected clock/random, and the
 * derivation of the engine's World (cached per objects map).
 */
import {
  type CidrGroupModel,
  cmpStr,
  type Compiled,
  type ContainerPort,
  type NamespaceModel,
  type NodeModel,
  type PodModel,
  type PolicyKind,
  type PolicyObject,
  policyKey,
  type Protocol,
  type ServiceModel,
  type World,
} from "@/lib/engine";
import { policyCompiler } from "#policy-compiler";
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
  clusternetworkpolicies: "ClusterNetworkPolicy",
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

/**
 * The objects map a mutation works on, and then the next snapshot's: the previous snapshot's objects plus
 * what this mutation set or deleted, without copying them (a copy per operation made a replay of 2,000
 * applies quadratic: issue 10, 14–17 s). Reads look in the changes, then in the base; iterating builds
 * the whole map once (cached) with Map's own order. Every MAX_DEPTH drafts the chain is cut (the base is
 * iterated into a plain Map), so a lookup never walks more than MAX_DEPTH drafts. `touched` and `origin`
 * tell buildWorld what changed since the snapshot the draft was made from.
 */
export class ObjectDraft implements Map<string, Stored> {
  private static readonly MAX_DEPTH = 32;
  /** The latest change per key (undefined: deleted), in the order keys were first changed. */
  private readonly own = new Map<string, Stored | undefined>();
  /** Every change in order, to rebuild Map's iteration order exactly (a delete then set moves a key to the end). */
  private readonly log: (readonly [string, Stored | undefined])[] = [];
  private readonly base: ReadonlyMap<string, Stored>;
  private flat: Map<string, Stored> | null = null;
  private count: number;
  private readonly depth: number;
  readonly [Symbol.toStringTag] = "Map";

  constructor(readonly origin: ReadonlyMap<string, Stored>) {
    const deep = origin instanceof ObjectDraft && origin.depth >= ObjectDraft.MAX_DEPTH;
    this.base = deep ? origin.flatten() : origin;
    this.depth = this.base instanceof ObjectDraft ? this.base.depth + 1 : 1;
    this.count = origin.size;
  }

  /** The keys this draft set or deleted. */
  get touched(): Iterable<string> {
    return this.own.keys();
  }

  get size(): number {
    return this.count;
  }

  get(key: string): Stored | undefined {
    if (this.flat) return this.flat.get(key);
    return this.own.has(key) ? this.own.get(key) : this.base.get(key);
  }

  has(key: string): boolean {
    if (this.flat) return this.flat.has(key);
    return this.own.has(key) ? this.own.get(key) !== undefined : this.base.has(key);
  }

  set(key: string, value: Stored): this {
    if (!this.has(key)) this.count++;
    this.own.set(key, value);
    this.log.push([key, value]);
    this.flat?.set(key, value);
    return this;
  }

  delete(key: string): boolean {
    if (!this.has(key)) return false;
    this.count--;
    this.own.set(key, undefined);
    this.log.push([key, undefined]);
    this.flat?.delete(key);
    return true;
  }

  clear(): void {
    for (const key of [...this.keys()]) this.delete(key);
  }

  /** The whole map, as a Map copied from the base and changed in order would be. */
  private flatten(): Map<string, Stored> {
    if (this.flat) return this.flat;
    // One copy: of the nearest map already whole, then every draft's changes from the oldest on.
    const chain: ObjectDraft[] = [this];
    let at: ReadonlyMap<string, Stored> = this.base;
    while (at instanceof ObjectDraft && !at.flat) {
      chain.push(at);
      at = at.base;
    }
    const m = new Map(at instanceof ObjectDraft ? (at.flat as Map<string, Stored>) : at);
    for (let i = chain.length - 1; i >= 0; i--)
      for (const [k, v] of (chain[i] as ObjectDraft).log) {
        if (v === undefined) m.delete(k);
        else m.set(k, v);
      }
    this.flat = m;
    return m;
  }

  forEach(fn: (value: Stored, key: string, map: Map<string, Stored>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.flatten()) fn.call(thisArg, v, k, this);
  }
  entries(): MapIterator<[string, Stored]> {
    return this.flatten().entries();
  }
  keys(): MapIterator<string> {
    return this.flatten().keys();
  }
  values(): MapIterator<Stored> {
    return this.flatten().values();
  }
  [Symbol.iterator](): MapIterator<[string, Stored]> {
    return this.flatten()[Symbol.iterator]();
  }
}

/** A copy of a state's objects to mutate (see ObjectDraft). */
export const draftObjects = (objects: ReadonlyMap<string, Stored>): ObjectDraft => new ObjectDraft(objects);

type Group = "nodes" | "namespaces" | "pods" | "services" | "policies" | "cidrGroups";
const GROUP_OF: Readonly<Record<string, Group>> = {
  nodes: "nodes",
  namespaces: "namespaces",
  pods: "pods",
  services: "services",
  ciliumcidrgroups: "cidrGroups",
  ...Object.fromEntries(Object.keys(POLICY_KINDS).map((r) => [r, "policies" as const])),
};
const GROUPS: readonly Group[] = ["nodes", "namespaces", "pods", "services", "policies", "cidrGroups"];

interface Models {
  nodes: NodeModel;
  namespaces: NamespaceModel;
  pods: PodModel;
  services: ServiceModel;
  policies: PolicyObject;
  cidrGroups: CidrGroupModel;
}
/** One group's objects in key order (objKey: resource, namespace, name), with their engine models. */
interface Sorted<M> {
  readonly keys: readonly string[];
  readonly models: readonly M[];
}
type Derivation = {
  readonly objects: ReadonlyMap<string, Stored>;
  readonly groups: { readonly [G in Group]: Sorted<Models[G]> };
};
const derivations = new WeakMap<World, Derivation>();

function nodeModel(o: KubeObject, scenario: Scenario): NodeModel {
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
}

function modelOf<G extends Group>(group: G, s: Stored, scenario: Scenario): Models[G] {
  const o = s.object;
  const model: Models[Group] =
    group === "nodes"
      ? nodeModel(o, scenario)
      : group === "namespaces"
        ? { name: o.metadata.name, labels: o.metadata.labels ?? {} }
        : group === "pods"
          ? podModel(o, scenario)
          : group === "services"
            ? serviceModel(o, scenario)
            : group === "policies"
              ? policyObjectOf(POLICY_KINDS[s.resource] as PolicyKind, o)
              : {
                  name: o.metadata.name,
                  labels: o.metadata.labels ?? {},
                  cidrs: asArr((o.spec as Raw | undefined)?.externalCIDRs as unknown).map(String),
                };
  return model as Models[G];
}

/** Where `key` is, or would be inserted, in sorted `keys`. */
function position(keys: readonly string[], key: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cmpStr(keys[mid] as string, key) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function deriveAll(objects: ReadonlyMap<string, Stored>, scenario: Scenario): Derivation["groups"] {
  const entries = new Map<Group, [string, Stored][]>(GROUPS.map((g) => [g, []]));
  for (const [k, s] of objects) {
    const g = GROUP_OF[s.resource];
    if (g) entries.get(g)?.push([k, s]);
  }
  const sorted = <G extends Group>(g: G): Sorted<Models[G]> => {
    const list = (entries.get(g) ?? []).sort((a, b) => cmpStr(a[0], b[0]));
    return { keys: list.map((e) => e[0]), models: list.map((e) => modelOf(g, e[1], scenario)) };
  };
  return {
    nodes: sorted("nodes"),
    namespaces: sorted("namespaces"),
    pods: sorted("pods"),
    services: sorted("services"),
    policies: sorted("policies"),
    cidrGroups: sorted("cidrGroups"),
  };
}

/** The previous derivation with the draft's changes applied: only the groups it touched are copied. */
function deriveChanges(
  prev: Derivation,
  draft: ObjectDraft,
  scenario: Scenario,
  newPods: PodModel[],
): Derivation["groups"] {
  const groups: { -readonly [G in Group]: Sorted<Models[G]> } = { ...prev.groups };
  const copied = new Map<Group, { keys: string[]; models: Models[Group][] }>();
  for (const k of draft.touched) {
    const before = prev.objects.get(k);
    const after = draft.get(k);
    if (before === after) continue;
    const g = GROUP_OF[(after ?? before)?.resource ?? ""];
    if (!g) continue;
    let c = copied.get(g);
    if (!c) {
      c = { keys: [...groups[g].keys], models: [...groups[g].models] };
      copied.set(g, c);
    }
    const i = position(c.keys, k);
    const present = c.keys[i] === k;
    if (after) {
      const m = modelOf(g, after, scenario);
      if (g === "pods") newPods.push(m as PodModel);
      if (present) c.models[i] = m;
      else {
        c.keys.splice(i, 0, k);
        c.models.splice(i, 0, m);
      }
    } else if (present) {
      c.keys.splice(i, 1);
      c.models.splice(i, 1);
    }
  }
  for (const [g, c] of copied) (groups as Record<Group, Sorted<Models[Group]>>)[g] = c;
  return groups;
}

/**
 * Derive the engine's World from the store. With `prev` (the world of the snapshot the objects were drafted
 * from), only what the draft changed is derived again; the result is the same as a full derivation.
 */
export function buildWorld(
  objects: ReadonlyMap<string, Stored>,
  scenario: Scenario,
  settings: World["settings"],
  allocations: ReadonlyMap<string, number>,
  prev?: World,
): World {
  const from = prev ? derivations.get(prev) : undefined;
  const newPods: PodModel[] = [];
  const incremental = from !== undefined && (from.objects === objects || draftOf(objects, from.objects));
  const groups = !from
    ? deriveAll(objects, scenario)
    : from.objects === objects
      ? from.groups
      : objects instanceof ObjectDraft && objects.origin === from.objects
        ? deriveChanges(from, objects, scenario, newPods)
        : deriveAll(objects, scenario);
  const world: World = {
    clusterName: scenario.clusterName,
    nodes: groups.nodes.models,
    namespaces: groups.namespaces.models,
    pods: groups.pods.models,
    services: groups.services.models,
    externals: scenario.externals,
    settings,
    policies: groups.policies.models,
    cidrGroups: groups.cidrGroups.models,
    pinnedIdentities: allocations,
  };
  derivations.set(world, { objects, groups });
  if (incremental && prev) podChanges.set(world, { from: prev, pods: newPods });
  return world;
}

const draftOf = (objects: ReadonlyMap<string, Stored>, origin: ReadonlyMap<string, Stored>) =>
  objects instanceof ObjectDraft && objects.origin === origin;

const podChanges = new WeakMap<World, { readonly from: World; readonly pods: readonly PodModel[] }>();
/**
 * For a World derived from `from` by buildWorld: the pod models that are new in it (created or changed);
 * undefined when it was derived from scratch.
 */
export function newPodsSince(world: World, from: World): readonly PodModel[] | undefined {
  const c = podChanges.get(world);
  return c && c.from === from ? c.pods : undefined;
}

const compiledCache = new WeakMap<World, Compiled>();
/**
 * The compiled snapshot for a state (cached: a verdict is lookups). The compiler is deferred code
 * (`#policy-compiler`): the browser fetches it the first time something needs a verdict or a policy's status.
 */
export function compiled(state: ClusterState): Compiled {
  let c = compiledCache.get(state.world);
  if (!c) {
    c = policyCompiler().compileWorld(state.world);
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
