/**
 * Two read-only views kubectl shows that the lab derives rather than stores:
 * - ConfigMaps: `kube-root-ca.crt` in every namespace (kube-controller-manager's root CA publisher),
 *   `coredns` and `cilium-config` in kube-system — the latter is the agent settings, live (what
 *   `cilium config view` prints and lessons 8 and 10 talk about).
 * - Events: what Kubernetes records about objects created in the last hour (the API server's default
 *   --event-ttl), derived from the objects themselves, so every way of creating them (apply, create
 *   deployment, scale, rollout restart) reports alike. The scenario's own objects are older than an hour
 *   (`ageMinutes`), so a fresh lab has none, like a real cluster after an hour.
 */
import { ciliumConfig } from "../cilium-views";
import { isoTime } from "../store";
import type { ClusterState, KubeObject } from "../types";

/** Kubernetes' default event TTL. */
export const EVENT_TTL_MS = 60 * 60 * 1000;

function stableHex(seed: string, len: number): string {
  let h = 0x811c9dc5;
  let out = "";
  for (let round = 0; out.length < len; round++) {
    for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193) >>> 0;
    h = Math.imul(h ^ round, 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, "0");
  }
  return out.slice(0, len);
}

const uidOf = (seed: string): string => {
  const s = stableHex(seed, 32);
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-a${s.slice(17, 20)}-${s.slice(20, 32)}`;
};

const stored = (state: ClusterState, plural: string): KubeObject[] =>
  [...state.objects.values()].filter((s) => s.resource === plural).map((s) => s.object);

const COREFILE = `.:53 {
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes cluster.local in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30 {
       disable success cluster.local
       disable denial cluster.local
    }
    loop
    reload
    loadbalance
}
`;

/** A made-up but well-formed CA certificate (the lab has no real PKI). */
const CA_CRT = `-----BEGIN CERTIFICATE-----\n${stableHex("kube-root-ca", 64)}\n-----END CERTIFICATE-----\n`;

export function configMapObjects(state: ClusterState): KubeObject[] {
  const out: KubeObject[] = [];
  const make = (
    namespace: string,
    name: string,
    created: string | undefined,
    data: Record<string, string>,
    labels?: Record<string, string>,
  ): KubeObject =>
    ({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: {
        name,
        namespace,
        uid: uidOf(`cm/${namespace}/${name}`),
        resourceVersion: "1",
        creationTimestamp: created ?? isoTime(state.deps.clock()),
        ...(labels ? { labels } : {}),
      },
      data,
    }) as KubeObject;
  for (const ns of stored(state, "namespaces")) {
    out.push(make(ns.metadata.name, "kube-root-ca.crt", ns.metadata.creationTimestamp, { "ca.crt": CA_CRT }));
  }
  const kubeSystem = stored(state, "namespaces").find((n) => n.metadata.name === "kube-system")?.metadata
    .creationTimestamp;
  out.push(
    make("kube-system", "cilium-config", kubeSystem, ciliumConfig(state), { "app.kubernetes.io/managed-by": "Helm" }),
  );
  out.push(make("kube-system", "coredns", kubeSystem, { Corefile: COREFILE }));
  return out;
}

interface EventSpec {
  readonly object: KubeObject;
  readonly reason: string;
  readonly message: string;
  readonly source: string;
  readonly offsetMs: number;
  /** When the event's cause happened, if not the object's creation. */
  readonly created?: string | undefined;
}

const kindRef = (o: KubeObject) => ({
  kind: o.kind,
  namespace: o.metadata.namespace,
  name: o.metadata.name,
  uid: o.metadata.uid,
  apiVersion: o.apiVersion,
});

/** The events Kubernetes' controllers and the kubelet record when these objects appear. */
function specsFor(state: ClusterState, since: number): EventSpec[] {
  const recent = (o: KubeObject) => Date.parse(o.metadata.creationTimestamp ?? "") >= since;
  const specs: EventSpec[] = [];
  // A new ReplicaSet (a Deployment created, restarted or its template changed) is scaled up by the Deployment controller.
  for (const rs of stored(state, "replicasets").filter(recent)) {
    const owner = rs.metadata.ownerReferences
      ?.map((o) => o as { kind?: string; name?: string })
      .find((o) => o.kind === "Deployment");
    const d =
      owner &&
      stored(state, "deployments").find(
        (x) => x.metadata.namespace === rs.metadata.namespace && x.metadata.name === owner.name,
      );
    const replicas = (rs.spec as { replicas?: number } | undefined)?.replicas ?? 1;
    if (d)
      specs.push({
        object: d,
        reason: "ScalingReplicaSet",
        message: `Scaled up replica set ${rs.metadata.name} from 0 to ${replicas}`,
        source: "deployment-controller",
        offsetMs: 0,
        created: rs.metadata.creationTimestamp,
      });
  }
  for (const p of stored(state, "pods").filter(recent)) {
    const spec = p.spec as { nodeName?: string; containers?: { name: string; image: string }[] } | undefined;
    specs.push({
      object: p,
      reason: "Scheduled",
      message: `Successfully assigned ${p.metadata.namespace}/${p.metadata.name} to ${spec?.nodeName ?? "kind-worker"}`,
      source: "default-scheduler",
      offsetMs: 0,
    });
    for (const c of spec?.containers ?? []) {
      specs.push({
        object: p,
        reason: "Pulled",
        message: `Container image "${c.image}" already present on machine`,
        source: "kubelet",
        offsetMs: 1000,
      });
      specs.push({
        object: p,
        reason: "Created",
        message: `Created container: ${c.name}`,
        source: "kubelet",
        offsetMs: 1000,
      });
      specs.push({
        object: p,
        reason: "Started",
        message: `Started container ${c.name}`,
        source: "kubelet",
        offsetMs: 1000,
      });
    }
  }
  return specs;
}

/** hubble-drop-events-interval's default: at most one event per pod and message in this time. */
const DROP_EVENTS_INTERVAL_MS = 2 * 60 * 1000;

type FlowRecord = ClusterState["flows"][number]["source"];

/** dropeventemitter endpointToString: `ns/pod (ip)`, a reserved identity's name `(ip)`, else the IP. */
function dropPeer(r: FlowRecord): string {
  if (r.pod !== undefined) return `${r.namespace ?? ""}/${r.pod} (${r.ip})`;
  if (r.reserved !== undefined) return `${r.reserved} (${r.ip})`;
  return r.ip;
}

/**
 * The Warning PacketDrop events Cilium's drop event emitter records (pkg/hubble/dropeventemitter, alpha,
 * `hubble-drop-events`): an ingress drop on the destination pod ("Incoming packet dropped (policy_denied)
 * from …", no UID: kubectl describe pod does not find it), an egress drop on the source pod ("Outgoing …
 * to …", with the pod's UID). client-go's correlator (burst 1, one per interval) lets one event per pod and
 * message through every 2 minutes; a repeat updates the event (count, lastTimestamp).
 */
function dropEventObjects(state: ClusterState, since: number): KubeObject[] {
  const seen = new Map<
    string,
    {
      first: number;
      last: number;
      emitted: number;
      count: number;
      ns: string;
      pod: string;
      uid?: string;
      message: string;
    }
  >();
  for (const f of state.flows) {
    if (f.dropEvent === undefined) continue;
    const ingress = f.trafficDirection === "INGRESS";
    const subject = ingress ? f.destination : f.source;
    if (subject.pod === undefined) continue;
    const peer = ingress ? f.source : f.destination;
    const l4 =
      f.l4.protocol === "TCP" || f.l4.protocol === "UDP"
        ? `${f.l4.protocol}/${f.destination.port ?? 0}`
        : f.l4.protocol;
    const message = `${ingress ? "Incoming" : "Outgoing"} packet dropped (${f.dropEvent}) ${ingress ? "from" : "to"} ${dropPeer(peer)} ${l4}`;
    const ns = subject.namespace ?? "default";
    const key = `${ns}/${subject.pod}\n${message}`;
    const prev = seen.get(key);
    if (prev === undefined) {
      const uid = ingress
        ? undefined
        : stored(state, "pods").find((p) => p.metadata.namespace === ns && p.metadata.name === subject.pod)?.metadata
            .uid;
      seen.set(key, { first: f.time, last: f.time, emitted: f.time, count: 1, ns, pod: subject.pod, uid, message });
    } else if (f.time - prev.emitted >= DROP_EVENTS_INTERVAL_MS) {
      seen.set(key, { ...prev, last: f.time, emitted: f.time, count: prev.count + 1 });
    }
  }
  return [...seen.values()]
    .filter((e) => e.last >= since)
    .map((e, i) => {
      const name = `${e.pod}.${(BigInt(e.first) * 1_000_000n + BigInt(i)).toString(16)}`;
      return {
        apiVersion: "v1",
        kind: "Event",
        metadata: {
          name,
          namespace: e.ns,
          uid: uidOf(`ev/${name}`),
          resourceVersion: "1",
          creationTimestamp: isoTime(e.first),
        },
        involvedObject: {
          kind: "Pod",
          namespace: e.ns,
          name: e.pod,
          ...(e.uid ? { uid: e.uid } : {}),
          apiVersion: "v1",
        },
        reason: "PacketDrop",
        message: e.message,
        source: { component: "cilium" },
        firstTimestamp: isoTime(e.first),
        lastTimestamp: isoTime(e.last),
        count: e.count,
        type: "Warning",
      } as unknown as KubeObject;
    });
}

export function eventObjects(state: ClusterState): KubeObject[] {
  const now = state.deps.clock();
  const events = specsFor(state, now - EVENT_TTL_MS).map((e, i) => ({
    e,
    i,
    at: Math.min(now, Date.parse(e.created ?? e.object.metadata.creationTimestamp ?? "") + e.offsetMs),
  }));
  return events
    .map(({ e, i, at }) => {
      // Kubernetes names an event after its object and the time in nanoseconds (hex), so names sort by time.
      const name = `${e.object.metadata.name}.${(BigInt(at) * 1_000_000n + BigInt(i)).toString(16)}`;
      return {
        apiVersion: "v1",
        kind: "Event",
        metadata: {
          name,
          namespace: e.object.metadata.namespace ?? "default",
          uid: uidOf(`ev/${name}`),
          resourceVersion: "1",
          creationTimestamp: isoTime(at),
        },
        involvedObject: kindRef(e.object),
        reason: e.reason,
        message: e.message,
        source: { component: e.source },
        firstTimestamp: isoTime(at),
        lastTimestamp: isoTime(at),
        count: 1,
        type: "Normal",
      } as unknown as KubeObject;
    })
    .concat(dropEventObjects(state, now - EVENT_TTL_MS));
}
