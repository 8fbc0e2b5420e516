/**
 * A scenario → its first snapshot (objects with lived-in timestamps), before its manifests: createCluster
 * (lib/cluster's index) applies those (./manifests.ts), which needs the cluster's deferred operations.
 */
import { labelsKey, podIdentityLabels, type Settings } from "@/lib/engine";
import { podStatus } from "../mutate/pod-status";
import { buildWorld, isoTime, newMeta, objKey } from "../store";
import type { ClusterState, Deps, Json, KubeObject, Stored } from "../types";
import type { Scenario, ScenarioWorkload } from "./types";

type Put = (
  resource: string,
  obj: Omit<KubeObject, "metadata"> & { metadata: Partial<KubeObject["metadata"]> & { name: string } },
) => KubeObject;

function workloadObjects(w: ScenarioWorkload, put: Put, scenario: Scenario, t: string): void {
  const ports = (c: ScenarioWorkload["containers"][number]) =>
    c.ports.map((p) => ({ ...(p.name ? { name: p.name } : {}), containerPort: p.port, protocol: p.protocol }));
  const containers = w.containers.map((c) => ({
    name: c.name,
    image: c.image,
    imagePullPolicy: "IfNotPresent",
    ...(c.ports.length > 0 ? { ports: ports(c) } : {}),
  }));
  const podSpecBase = {
    containers,
    serviceAccountName: w.serviceAccount,
    serviceAccount: w.serviceAccount,
    restartPolicy: "Always",
    dnsPolicy: w.hostNetwork ? "ClusterFirstWithHostNet" : "ClusterFirst",
    ...(w.hostNetwork ? { hostNetwork: true } : {}),
  };
  const selector = { matchLabels: { ...w.labels } };
  let ownerRef: Json | undefined;
  let podLabels: Record<string, string> = { ...w.labels };
  const n = w.pods.length;
  const status = { replicas: n, readyReplicas: n, availableReplicas: n, updatedReplicas: n, observedGeneration: 1 };
  if (w.kind === "Deployment") {
    const d = put("deployments", {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: {
        name: w.name,
        namespace: w.namespace,
        labels: w.workloadLabels,
        annotations: { "deployment.kubernetes.io/revision": "1" },
        generation: 1,
      },
      spec: {
        replicas: n,
        selector,
        strategy: { type: "RollingUpdate" },
        template: { metadata: { labels: { ...w.labels } }, spec: podSpecBase },
      },
      status,
    });
    const hash = w.templateHash ?? "5d8f9c7b6d";
    podLabels = { ...w.labels, "pod-template-hash": hash };
    const rs = put("replicasets", {
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: {
        name: `${w.name}-${hash}`,
        namespace: w.namespace,
        labels: podLabels,
        generation: 1,
        ownerReferences: [
          {
            apiVersion: "apps/v1",
            kind: "Deployment",
            name: w.name,
            uid: d.metadata.uid,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: {
        replicas: n,
        selector: { matchLabels: podLabels },
        template: { metadata: { labels: podLabels }, spec: podSpecBase },
      },
      status: { replicas: n, readyReplicas: n, availableReplicas: n, fullyLabeledReplicas: n, observedGeneration: 1 },
    });
    ownerRef = {
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      name: rs.metadata.name,
      uid: rs.metadata.uid,
      controller: true,
      blockOwnerDeletion: true,
    };
  } else if (w.kind === "StatefulSet" || w.kind === "DaemonSet") {
    const hash = w.templateHash ?? "6c9d8f7b5";
    podLabels = {
      ...w.labels,
      "controller-revision-hash": hash,
      ...(w.kind === "DaemonSet" ? { "pod-template-generation": "1" } : {}),
    };
    const dsStatus = {
      currentNumberScheduled: n,
      desiredNumberScheduled: n,
      numberAvailable: n,
      numberReady: n,
      updatedNumberScheduled: n,
      numberMisscheduled: 0,
      observedGeneration: 1,
    };
    const o = put(w.kind === "StatefulSet" ? "statefulsets" : "daemonsets", {
      apiVersion: "apps/v1",
      kind: w.kind,
      metadata: { name: w.name, namespace: w.namespace, labels: w.workloadLabels, generation: 1 },
      spec: {
        ...(w.kind === "StatefulSet" ? { replicas: n, serviceName: w.name } : {}),
        selector,
        template: { metadata: { labels: { ...w.labels } }, spec: podSpecBase },
      },
      status:
        w.kind === "StatefulSet"
          ? { ...status, currentReplicas: n, currentRevision: `${w.name}-${hash}`, updateRevision: `${w.name}-${hash}` }
          : dsStatus,
    });
    ownerRef = {
      apiVersion: "apps/v1",
      kind: w.kind,
      name: w.name,
      uid: o.metadata.uid,
      controller: true,
      blockOwnerDeletion: true,
    };
  }
  for (const p of w.pods) {
    const node = scenario.nodes.find((x) => x.name === p.node);
    const labels =
      w.kind === "StatefulSet"
        ? {
            ...podLabels,
            "statefulset.kubernetes.io/pod-name": p.name,
            "apps.kubernetes.io/pod-index": p.name.split("-").pop() ?? "0",
          }
        : podLabels;
    put("pods", {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: p.name, namespace: w.namespace, labels, ...(ownerRef ? { ownerReferences: [ownerRef] } : {}) },
      spec: { ...podSpecBase, nodeName: p.node },
      status: podStatus(
        p.ip,
        node?.ip ?? "",
        containers.map((c) => c.name),
        containers.map((c) => c.image),
        t,
      ),
    });
  }
}

/** Build the first snapshot from a scenario, without its manifests. */
export function firstSnapshot(scenario: Scenario, deps: Deps): ClusterState {
  const objects = new Map<string, Stored>();
  let rv = 1000;
  const born = deps.clock() - scenario.ageMs;
  const t = isoTime(born);
  const put: Put = (resource, o) => {
    const m = o.metadata;
    const meta = {
      ...newMeta(deps, ++rv, m.name, m.namespace, m.labels, m.annotations, born),
      ...(m.generation ? { generation: m.generation } : {}),
      ...(m.ownerReferences ? { ownerReferences: m.ownerReferences } : {}),
    };
    const obj = { ...o, metadata: meta } as KubeObject;
    objects.set(objKey(resource, m.namespace, m.name), { resource, object: obj });
    return obj;
  };
  for (const ns of scenario.namespaces)
    put("namespaces", {
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name: ns.name, labels: ns.labels },
      spec: { finalizers: ["kubernetes"] },
      status: { phase: "Active" },
    });
  for (const n of scenario.nodes) {
    put("nodes", {
      apiVersion: "v1",
      kind: "Node",
      metadata: {
        name: n.name,
        labels: n.labels,
        annotations: {
          "node.alpha.kubernetes.io/ttl": "0",
          "volumes.kubernetes.io/controller-managed-attach-detach": "true",
        },
      },
      spec: {
        podCIDR: n.podCIDR,
        podCIDRs: [n.podCIDR],
        providerID: `kind://docker/kind/${n.name}`,
        ...(n.roles.includes("control-plane")
          ? { taints: [{ effect: "NoSchedule", key: "node-role.kubernetes.io/control-plane" }] }
          : {}),
      },
      status: {
        addresses: [
          { type: "InternalIP", address: n.ip },
          { type: "Hostname", address: n.name },
        ],
        conditions: [
          {
            type: "Ready",
            status: "True",
            reason: "KubeletReady",
            message: "kubelet is posting ready status",
            lastHeartbeatTime: t,
            lastTransitionTime: t,
          },
        ],
        nodeInfo: {
          architecture: "amd64",
          containerRuntimeVersion: "containerd://2.1.1",
          kernelVersion: "6.8.0-45-generic",
          kubeProxyVersion: "",
          kubeletVersion: scenario.kubernetesVersion,
          operatingSystem: "linux",
          osImage: "Debian GNU/Linux 12 (bookworm)",
        },
      },
    });
  }
  for (const w of scenario.workloads) workloadObjects(w, put, scenario, t);
  for (const s of scenario.services) {
    put("services", {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: s.name, namespace: s.namespace, labels: s.labels },
      spec: {
        type: "ClusterIP",
        clusterIP: s.clusterIP,
        clusterIPs: [s.clusterIP],
        ipFamilies: ["IPv4"],
        ipFamilyPolicy: "SingleStack",
        sessionAffinity: "None",
        internalTrafficPolicy: "Cluster",
        ports: s.ports.map((p) => ({
          ...(p.name ? { name: p.name } : {}),
          port: p.port,
          targetPort: p.targetPort,
          protocol: p.protocol,
        })),
        ...(s.selector ? { selector: s.selector } : {}),
      },
      status: { loadBalancer: {} },
    });
  }
  const settings: Settings = { ...scenario.settings };
  // Pinned identity numbers are keyed by the pods' identity labels, read off the world they are pinned in
  // (the world keeps the map by reference and only the compiler reads it).
  const allocations = new Map<string, number>();
  const world = buildWorld(objects, scenario, settings, allocations);
  for (const w of scenario.workloads) {
    if (w.identity === undefined) continue;
    const pod = world.pods.find((p) => p.namespace === w.namespace && p.name === w.pods[0]?.name);
    const ns = world.namespaces.find((n) => n.name === w.namespace);
    if (pod) allocations.set(labelsKey(podIdentityLabels(pod, ns, scenario.clusterName)), w.identity);
  }
  return {
    deps,
    scenario,
    objects,
    settings,
    world,
    resourceVersion: rv,
    policyRevision: 1,
    identityAllocations: allocations,
    fqdnCache: new Map(),
    flows: [],
    journal: [],
  };
}
