/**
 * What the API server (and controllers) do with an accepted object: defaulting (NetworkPolicy
 * policyTypes and protocols, namespace name label), IP allocation for pods and services, pods for
 * Deployments, and Cilium's Valid condition on CNP/CCNP.
 */
import { analyzePolicy, type PolicyKind, policyKey, formatIPv4, parseIPv4, parsePrefix } from "@/lib/engine";
import { podStatus } from "../scenario/build";
import { isoTime, newMeta, objKey, randomSuffix } from "../store";
import type { ClusterState, Json, KubeObject, Stored } from "../types";

type Raw = Record<string, unknown>;
const asArr = (v: unknown): Raw[] => (Array.isArray(v) ? (v as Raw[]) : []);

export function defaultNetworkPolicy(spec: Raw): Raw {
  const s: Raw = { ...spec, podSelector: spec.podSelector ?? {} };
  if (!Array.isArray(s.policyTypes)) s.policyTypes = ["Ingress", ...(s.egress !== undefined ? ["Egress"] : [])];
  for (const dir of ["ingress", "egress"]) {
    if (!Array.isArray(s[dir])) continue;
    s[dir] = asArr(s[dir]).map((r) => (Array.isArray(r.ports) ? { ...r, ports: asArr(r.ports).map((p) => ({ protocol: "TCP", ...p })) } : r));
  }
  return s;
}

/** Cilium's Valid condition for a CNP/CCNP body (the operator's policy validator). */
export function validCondition(kind: PolicyKind, o: KubeObject, timeMs: number): { status: Json; valid: boolean; message: string; warnings: string[] } {
  const ns = kind === "CiliumNetworkPolicy" ? o.metadata.namespace ?? "default" : undefined;
  const a = analyzePolicy({ key: policyKey(kind, ns, o.metadata.name), kind, namespace: ns, name: o.metadata.name, uid: o.metadata.uid, spec: o.spec, specs: o.specs });
  const valid = a?.valid ?? true;
  const message = a?.message ?? "Policy validation succeeded";
  return {
    status: { conditions: [{ lastTransitionTime: isoTime(timeMs), message, status: valid ? "True" : "False", type: "Valid" }] },
    valid, message, warnings: (a?.problems ?? []).filter((p) => p.severity === "warning").map((p) => p.message),
  };
}

function usedIPs(objects: ReadonlyMap<string, Stored>): Set<string> {
  const s = new Set<string>();
  for (const st of objects.values()) {
    const st2 = st.object.status as Raw | undefined;
    if (st.resource === "pods" && typeof st2?.podIP === "string") s.add(st2.podIP);
    if (st.resource === "services") s.add(String((st.object.spec as Raw | undefined)?.clusterIP ?? ""));
  }
  return s;
}

function workerNodes(state: ClusterState): { name: string; ip: string; podCIDR: string }[] {
  const nodes = state.world.nodes.filter((n) => !("node-role.kubernetes.io/control-plane" in n.labels));
  return (nodes.length > 0 ? nodes : state.world.nodes).map((n) => ({ name: n.name, ip: n.ip, podCIDR: n.podCIDR }));
}

function allocPodIP(state: ClusterState, podCIDR: string, used: Set<string>): string {
  const p = parsePrefix(podCIDR);
  const base = p.ok ? p.prefix.base : (parseIPv4("10.244.1.0") as number);
  for (let i = 0; i < 200; i++) {
    const ip = formatIPv4(base + 10 + Math.floor(state.deps.random() * 240));
    if (!used.has(ip)) { used.add(ip); return ip; }
  }
  return formatIPv4(base + 253);
}

export function allocClusterIP(state: ClusterState, objects: ReadonlyMap<string, Stored>): string {
  const used = usedIPs(objects);
  for (;;) {
    const ip = `10.96.${Math.floor(state.deps.random() * 255)}.${1 + Math.floor(state.deps.random() * 254)}`;
    if (!used.has(ip)) return ip;
  }
}

/** Pod defaults: scheduling, IP, Running status. */
export function materializePod(state: ClusterState, objects: ReadonlyMap<string, Stored>, o: KubeObject): KubeObject {
  const spec = { ...(o.spec as Raw) };
  const workers = workerNodes(state);
  if (typeof spec.nodeName !== "string") spec.nodeName = workers[Math.floor(state.deps.random() * workers.length)]?.name ?? "";
  const node = state.world.nodes.find((n) => n.name === spec.nodeName);
  const ip = spec.hostNetwork === true ? node?.ip ?? "" : allocPodIP(state, node?.podCIDR ?? "10.244.1.0/24", usedIPs(objects));
  spec.serviceAccountName = spec.serviceAccountName ?? "default";
  const containers = asArr(spec.containers);
  return { ...o, spec: spec as Json, status: podStatus(ip, node?.ip ?? "", containers.map((c) => String(c.name)), containers.map((c) => String(c.image ?? "")), isoTime(state.deps.clock())) };
}

/** A Deployment's ReplicaSet and pods (replicas, default 1), names with random suffixes. */
export function deploymentChildren(state: ClusterState, objects: Map<string, Stored>, d: KubeObject, rv: { n: number }): void {
  const spec = (d.spec ?? {}) as Raw;
  const ns = d.metadata.namespace ?? "default";
  for (const [k, st] of [...objects]) {
    const ref = asArr(st.object.metadata.ownerReferences)[0];
    if (st.object.metadata.namespace === ns && ref && (ref.name === d.metadata.name || String(ref.name).startsWith(`${d.metadata.name}-`)) && (st.resource === "replicasets" || st.resource === "pods")) objects.delete(k);
  }
  const hash = randomSuffix(state.deps.random, 10);
  const template = (spec.template ?? {}) as Raw;
  const tmeta = (template.metadata ?? {}) as Raw;
  const labels = { ...((tmeta.labels ?? {}) as Record<string, string>), "pod-template-hash": hash };
  const replicas = typeof spec.replicas === "number" ? spec.replicas : 1;
  const rsMeta = { ...newMeta(state.deps, ++rv.n, `${d.metadata.name}-${hash}`, ns, labels, undefined), ownerReferences: [{ apiVersion: "apps/v1", kind: "Deployment", name: d.metadata.name, uid: d.metadata.uid, controller: true, blockOwnerDeletion: true }] };
  const rs: KubeObject = { apiVersion: "apps/v1", kind: "ReplicaSet", metadata: rsMeta, spec: { replicas, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: template.spec as Json } }, status: { replicas, readyReplicas: replicas, availableReplicas: replicas } };
  objects.set(objKey("replicasets", ns, rs.metadata.name), { resource: "replicasets", object: rs });
  for (let i = 0; i < replicas; i++) {
    const name = `${d.metadata.name}-${hash}-${randomSuffix(state.deps.random, 5)}`;
    const meta = { ...newMeta(state.deps, ++rv.n, name, ns, labels, undefined), ownerReferences: [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: rs.metadata.name, uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true }] };
    const pod = materializePod(state, objects, { apiVersion: "v1", kind: "Pod", metadata: meta, spec: template.spec as Json });
    objects.set(objKey("pods", ns, name), { resource: "pods", object: pod });
  }
}
