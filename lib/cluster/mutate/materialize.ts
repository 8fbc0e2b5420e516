/**
 * What the API server (and controllers) do with an accepted object: defaulting (NetworkPolicy
 * policyTypes and protocols, namespace name label), IP allocation for pods and services, pods for
 * Deployments, and Cilium's Valid condition on CNP/CCNP.
 */
import { analyzePolicy, type PolicyKind, formatIPv4, parseIPv4, parsePrefix } from "@/lib/engine";
import { isoTime, newMeta, ObjectDraft, objKey, policyObjectOf, randomSuffix } from "../store";
import type { ClusterState, Json, KubeObject, Stored } from "../types";
import { podStatus } from "./pod-status";
import { asArr, sortedKeysDeep, type Raw } from "@/lib/engine";

export function defaultNetworkPolicy(spec: Raw): Raw {
  const s: Raw = { ...spec, podSelector: spec.podSelector ?? {} };
  // SetDefaults_NetworkPolicy: Egress only when egress has at least one rule (`egress: []` stays out).
  if (!Array.isArray(s.policyTypes) || s.policyTypes.length === 0)
    s.policyTypes = ["Ingress", ...(asArr(s.egress).length > 0 ? ["Egress"] : [])];
  for (const dir of ["ingress", "egress"]) {
    if (!Array.isArray(s[dir])) continue;
    s[dir] = asArr(s[dir]).map((r) =>
      Array.isArray(r.ports) ? { ...r, ports: asArr(r.ports).map((p) => ({ protocol: "TCP", ...p })) } : r,
    );
  }
  return s;
}

/** Cilium's Valid condition for a CNP/CCNP body (the operator's policy validator). */
export function validCondition(
  kind: PolicyKind,
  o: KubeObject,
  timeMs: number,
  nodeSelectorLabels = false,
): { status: Json; valid: boolean; message: string; warnings: string[] } {
  const a = analyzePolicy(policyObjectOf(kind, o), nodeSelectorLabels);
  const valid = a?.valid ?? true;
  const message = a?.message ?? "Policy validation succeeded";
  return {
    status: {
      conditions: [{ lastTransitionTime: isoTime(timeMs), message, status: valid ? "True" : "False", type: "Valid" }],
    },
    valid,
    message,
    warnings: (a?.problems ?? []).filter((p) => p.severity === "warning").map((p) => p.message),
  };
}

/** The addresses an object holds: a pod's IP, a service's cluster IP. */
function ipsOf(st: Stored): string[] {
  if (st.resource === "pods") {
    const ip = (st.object.status as Raw | undefined)?.podIP;
    return typeof ip === "string" ? [ip] : [];
  }
  if (st.resource === "services") return [String((st.object.spec as Raw | undefined)?.clusterIP ?? "")];
  return [];
}

/**
 * Pod and service addresses in use in `objects`. When `objects` is a draft of the state's objects (every
 * mutation's), they are counted from the state's World (its pods and services) plus what the draft changed,
 * instead of going through every stored object.
 */
function usedIPs(state: ClusterState, objects: ReadonlyMap<string, Stored>): Set<string> {
  if (!(objects instanceof ObjectDraft) || objects.origin !== state.objects) {
    const s = new Set<string>();
    for (const st of objects.values()) for (const ip of ipsOf(st)) s.add(ip);
    return s;
  }
  const counts = new Map<string, number>();
  const add = (ip: string, n: number) => counts.set(ip, (counts.get(ip) ?? 0) + n);
  for (const p of state.world.pods) if (p.ip !== "") add(p.ip, 1);
  for (const svc of state.world.services) add(svc.clusterIP, 1);
  for (const k of objects.touched) {
    const before = state.objects.get(k);
    const after = objects.get(k);
    if (before === after) continue;
    if (before) for (const ip of ipsOf(before)) add(ip, -1);
    if (after) for (const ip of ipsOf(after)) add(ip, 1);
  }
  const s = new Set<string>();
  for (const [ip, n] of counts) if (n > 0) s.add(ip);
  return s;
}

function workerNodes(state: ClusterState): { name: string; ip: string; podCIDR: string }[] {
  const nodes = state.world.nodes.filter((n) => !("node-role.kubernetes.io/control-plane" in n.labels));
  return (nodes.length > 0 ? nodes : state.world.nodes).map((n) => ({ name: n.name, ip: n.ip, podCIDR: n.podCIDR }));
}

function allocPodIP(state: ClusterState, podCIDR: string, used: Set<string>): string {
  const p = parsePrefix(podCIDR);
  const base = p.ok ? p.prefix.base : (parseIPv4("10.244.1.0") as number);
  // The node's own Cilium addresses are taken: cilium_host (.91, the proxy's IP in `cilium-dbg status`)
  // and the cilium-health endpoint (.200, cilium-views.ts).
  const reserved = new Set([formatIPv4(base + 91), formatIPv4(base + 200)]);
  for (let i = 0; i < 200; i++) {
    const ip = formatIPv4(base + 10 + Math.floor(state.deps.random() * 240));
    if (!used.has(ip) && !reserved.has(ip)) {
      used.add(ip);
      return ip;
    }
  }
  return formatIPv4(base + 253);
}

/** Random draws before a name or address falls back to counting: the random source may repeat itself. */
const RANDOM_TRIES = 16;

export function allocClusterIP(state: ClusterState, objects: ReadonlyMap<string, Stored>): string {
  const used = usedIPs(state, objects);
  for (let i = 0; i < RANDOM_TRIES; i++) {
    const ip = `10.96.${Math.floor(state.deps.random() * 255)}.${1 + Math.floor(state.deps.random() * 254)}`;
    if (!used.has(ip)) return ip;
  }
  // A source that keeps giving the same numbers (the server replays with a constant one) must not spin:
  // take the first free address of the range instead.
  for (let n = 0; n < 255 * 254; n++) {
    const ip = `10.96.${Math.floor(n / 254)}.${1 + (n % 254)}`;
    if (!used.has(ip)) return ip;
  }
  return "10.96.255.254";
}

/** Pod defaults: scheduling, IP, Running status. */
export function materializePod(state: ClusterState, objects: ReadonlyMap<string, Stored>, o: KubeObject): KubeObject {
  const spec = { ...(o.spec as Raw) };
  const workers = workerNodes(state);
  if (typeof spec.nodeName !== "string")
    spec.nodeName = workers[Math.floor(state.deps.random() * workers.length)]?.name ?? "";
  const node = state.world.nodes.find((n) => n.name === spec.nodeName);
  const ip =
    spec.hostNetwork === true
      ? (node?.ip ?? "")
      : allocPodIP(state, node?.podCIDR ?? "10.244.1.0/24", usedIPs(state, objects));
  spec.serviceAccountName = spec.serviceAccountName ?? "default";
  const containers = asArr(spec.containers);
  return {
    ...o,
    spec: spec as Json,
    status: podStatus(
      ip,
      node?.ip ?? "",
      containers.map((c) => String(c.name)),
      containers.map((c) => String(c.image ?? "")),
      isoTime(state.deps.clock()),
    ),
  };
}

/**
 * The pod-template-hash / controller-revision-hash of a pod template. Kubernetes hashes the template
 * with FNV-32a (pkg/controller ComputeHash) and spells the decimal number with rand.SafeEncodeString
 * (each digit byte mapped into "bcdfghjklmnpqrstvwxz2456789"), so hashes look like `86f85ffb4d`. The lab
 * hashes the canonical JSON instead of Go's deep-hash dump: equal templates still give equal hashes.
 */
export function templateHash(template: unknown): string {
  const text = JSON.stringify(sortedKeysDeep(template ?? {}));
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  const alphabet = "bcdfghjklmnpqrstvwxz2456789";
  return [...String(h)].map((d) => alphabet[d.charCodeAt(0) % alphabet.length] as string).join("");
}

const ownerOf = (o: KubeObject): Raw | undefined => asArr(o.metadata.ownerReferences)[0];
const withoutLabel = (labels: unknown, key: string): Record<string, string> => {
  const out = { ...((labels ?? {}) as Record<string, string>) };
  delete out[key];
  return out;
};

/** The template a controller stamps its pods from, without the hash label it added. */
function baseTemplate(t: unknown, hashKey: string): unknown {
  const tt = (t ?? {}) as Raw;
  const meta = (tt.metadata ?? {}) as Raw;
  return { ...tt, metadata: { ...meta, labels: withoutLabel(meta.labels, hashKey) } };
}

/**
 * The Deployment controller's reconcile, simplified (pkg/controller/deployment): the ReplicaSet whose
 * template equals the Deployment's (same pod-template-hash) is kept with its pods — re-applying an
 * unchanged Deployment changes nothing; a changed template (a new image, a `rollout restart` annotation)
 * gets a new ReplicaSet named after its hash with fresh pods, and the old ReplicaSets stay, scaled to 0
 * (revisionHistoryLimit). Going back to an old template reuses its ReplicaSet, as a rollback does.
 */
export function deploymentChildren(
  state: ClusterState,
  objects: Map<string, Stored>,
  d: KubeObject,
  rv: { n: number },
): void {
  const spec = (d.spec ?? {}) as Raw;
  const ns = d.metadata.namespace ?? "default";
  const template = (spec.template ?? {}) as Raw;
  const replicas = typeof spec.replicas === "number" ? spec.replicas : 1;
  const owned = [...objects.values()].filter(
    (st) =>
      st.resource === "replicasets" &&
      st.object.metadata.namespace === ns &&
      ownerOf(st.object)?.kind === "Deployment" &&
      ownerOf(st.object)?.name === d.metadata.name,
  );
  const wanted = JSON.stringify(sortedKeysDeep(template));
  const current = owned.find(
    (st) =>
      JSON.stringify(
        sortedKeysDeep(baseTemplate((st.object.spec as Raw | undefined)?.template, "pod-template-hash")),
      ) === wanted,
  );
  const podsOf = (rs: KubeObject): [string, Stored][] =>
    [...objects]
      .filter(
        ([, st]) =>
          st.resource === "pods" &&
          st.object.metadata.namespace === ns &&
          ownerOf(st.object)?.kind === "ReplicaSet" &&
          ownerOf(st.object)?.name === rs.metadata.name,
      )
      .sort((a, b) => (a[1].object.metadata.name < b[1].object.metadata.name ? -1 : 1));
  // Replacement pods land where the old ones ran (the lab keeps placement stable across rollouts).
  const previousNodes = owned
    .filter((st) => st !== current)
    .flatMap((st) => podsOf(st.object).map(([, p]) => String((p.object.spec as Raw | undefined)?.nodeName ?? "")));
  // Old ReplicaSets: scaled to zero, their pods terminated.
  for (const st of owned) {
    if (st === current) continue;
    for (const [k] of podsOf(st.object)) objects.delete(k);
    const old = st.object;
    if ((old.spec as Raw | undefined)?.replicas === 0) continue;
    objects.set(objKey("replicasets", ns, old.metadata.name), {
      resource: "replicasets",
      object: {
        ...old,
        metadata: { ...old.metadata, resourceVersion: String(++rv.n) },
        spec: { ...(old.spec as Raw), replicas: 0 } as Json,
        status: { replicas: 0, observedGeneration: 1 },
      },
    });
  }
  let rs: KubeObject;
  if (current) {
    rs = current.object;
    const hash = rs.metadata.labels?.["pod-template-hash"] ?? templateHash(template);
    const labels = {
      ...((((rs.spec as Raw | undefined)?.template as Raw | undefined)?.metadata as Raw | undefined)?.labels ?? {}),
    } as Record<string, string>;
    if ((rs.spec as Raw | undefined)?.replicas !== replicas) {
      rs = {
        ...rs,
        metadata: { ...rs.metadata, resourceVersion: String(++rv.n) },
        spec: { ...(rs.spec as Raw), replicas } as Json,
        status: {
          replicas,
          readyReplicas: replicas,
          availableReplicas: replicas,
          fullyLabeledReplicas: replicas,
          observedGeneration: 1,
        },
      };
      objects.set(objKey("replicasets", ns, rs.metadata.name), { resource: "replicasets", object: rs });
    }
    const pods = podsOf(rs);
    for (const [k] of pods.slice(replicas)) objects.delete(k);
    for (let i = pods.length; i < replicas; i++)
      addPod(
        state,
        objects,
        rs,
        ns,
        `${d.metadata.name}-${hash}`,
        { ...labels, "pod-template-hash": hash },
        template,
        undefined,
        rv,
      );
    return;
  }
  const hash = templateHash(template);
  const tmeta = (template.metadata ?? {}) as Raw;
  const labels = { ...((tmeta.labels ?? {}) as Record<string, string>), "pod-template-hash": hash };
  const rsTemplate = { ...template, metadata: { ...tmeta, labels } };
  const rsMeta = {
    ...newMeta(state.deps, ++rv.n, `${d.metadata.name}-${hash}`, ns, labels, undefined),
    ownerReferences: [
      {
        apiVersion: "apps/v1",
        kind: "Deployment",
        name: d.metadata.name,
        uid: d.metadata.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ],
  };
  rs = {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: rsMeta,
    spec: { replicas, selector: { matchLabels: labels }, template: rsTemplate as Json },
    status: { replicas, readyReplicas: replicas, availableReplicas: replicas },
  };
  objects.set(objKey("replicasets", ns, rs.metadata.name), { resource: "replicasets", object: rs });
  const revision =
    owned.reduce(
      (n, st) => Math.max(n, Number(st.object.metadata.annotations?.["deployment.kubernetes.io/revision"] ?? 0)),
      Number(d.metadata.annotations?.["deployment.kubernetes.io/revision"] ?? 0),
    ) + (owned.length > 0 ? 1 : 0);
  if (owned.length > 0) {
    const dk = objKey("deployments", ns, d.metadata.name);
    const live = objects.get(dk);
    if (live)
      objects.set(dk, {
        ...live,
        object: {
          ...live.object,
          metadata: {
            ...live.object.metadata,
            annotations: {
              ...(live.object.metadata.annotations ?? {}),
              "deployment.kubernetes.io/revision": String(revision),
            },
          },
        },
      });
  }
  for (let i = 0; i < replicas; i++)
    addPod(state, objects, rs, ns, `${d.metadata.name}-${hash}`, labels, template, previousNodes[i], rv);
}

const SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

/** `n` spelled in the suffix alphabet, at least five characters. */
function countedSuffix(n: number): string {
  let out = "";
  for (let v = n; out.length < 5 || v > 0; v = Math.floor(v / SUFFIX_ALPHABET.length))
    out = (SUFFIX_ALPHABET[v % SUFFIX_ALPHABET.length] as string) + out;
  return out;
}

/**
 * `<prefix>-<5 random chars>` not yet taken in `ns`. A random source that repeats itself (a constant one, as
 * the server replays with) would collide forever on the second pod of a rollout, so after a few draws the
 * suffixes are counted: the store is finite, the loop ends.
 */
export function freshPodName(
  state: ClusterState,
  objects: ReadonlyMap<string, Stored>,
  ns: string,
  prefix: string,
): string {
  const free = (name: string) => !objects.has(objKey("pods", ns, name));
  for (let i = 0; i < RANDOM_TRIES; i++) {
    const name = `${prefix}-${randomSuffix(state.deps.random, 5)}`;
    if (free(name)) return name;
  }
  for (let n = 0; ; n++) {
    const name = `${prefix}-${countedSuffix(n)}`;
    if (free(name)) return name;
  }
}

/** One pod stamped from a controller's template: `<prefix>-<5 random chars>` (or exactly `prefix`), on `node` or a worker. */
function addPod(
  state: ClusterState,
  objects: Map<string, Stored>,
  owner: KubeObject,
  ns: string,
  prefix: string,
  labels: Record<string, string>,
  template: Raw,
  node: string | undefined,
  rv: { n: number },
  exactName = false,
): void {
  const name = exactName ? prefix : freshPodName(state, objects, ns, prefix);
  const annotations = ((template.metadata as Raw | undefined)?.annotations ?? undefined) as
    Record<string, string> | undefined;
  const meta = {
    ...newMeta(state.deps, ++rv.n, name, ns, labels, annotations),
    ownerReferences: [
      {
        apiVersion: "apps/v1",
        kind: owner.kind,
        name: owner.metadata.name,
        uid: owner.metadata.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ],
  };
  const spec = { ...((template.spec ?? {}) as Raw), ...(node ? { nodeName: node } : {}) };
  const pod = materializePod(state, objects, { apiVersion: "v1", kind: "Pod", metadata: meta, spec: spec as Json });
  objects.set(objKey("pods", ns, name), { resource: "pods", object: pod });
}

/** Exported for `rollout restart` of DaemonSets and StatefulSets. */
export { addPod as stampPod, ownerOf };
