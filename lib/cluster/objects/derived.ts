/** Objects Cilium and Kubernetes derive from the stored ones: Endpoints, CiliumEndpoints, CiliumIdentities, CiliumNodes. */
import { cmpStr, formatIPv4, parsePrefix, podKey, serviceBackends, type World } from "@/lib/engine";
import { endpointIds } from "../cilium-views";
import { compiled, isoTime, objKey } from "../store";
import type { ClusterState, Json, KubeObject } from "../types";

const LABEL_KEY =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

function stableUid(seed: string): string {
  let h = 0x811c9dc5;
  const out: string[] = [];
  for (let round = 0; round < 4; round++) {
    for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193) >>> 0;
    h = Math.imul(h ^ round, 0x01000193) >>> 0;
    out.push(h.toString(16).padStart(8, "0"));
  }
  const s = out.join("");
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-a${s.slice(17, 20)}-${s.slice(20, 32)}`;
}

export function endpointsObjects(state: ClusterState): KubeObject[] {
  const w: World = state.world;
  return w.services.map((svc) => {
    const st = state.objects.get(objKey("services", svc.namespace, svc.name))?.object;
    const backends = serviceBackends(w, svc);
    const addresses = backends.map((b) => ({
      ip: b.ip,
      ...(b.pod
        ? { nodeName: b.pod.node, targetRef: { kind: "Pod", name: b.pod.name, namespace: b.pod.namespace } }
        : {}),
    }));
    const ports = svc.ports.map((p) => {
      const tp =
        typeof p.targetPort === "number"
          ? p.targetPort
          : (backends[0]?.pod?.ports.find((c) => c.name === p.targetPort)?.port ?? 0);
      const ep = svc.endpoints?.[0]?.port;
      return { ...(p.name ? { name: p.name } : {}), port: ep ?? tp, protocol: p.protocol };
    });
    return {
      apiVersion: "v1",
      kind: "Endpoints",
      metadata: {
        name: svc.name,
        namespace: svc.namespace,
        labels: st?.metadata.labels,
        uid: stableUid(`ep/${svc.namespace}/${svc.name}`),
        resourceVersion: st?.metadata.resourceVersion ?? "1",
        creationTimestamp: st?.metadata.creationTimestamp ?? isoTime(state.deps.clock()),
      },
      ...(addresses.length > 0 ? { subsets: [{ addresses, ports }] } : {}),
    } as KubeObject;
  });
}

export function ciliumEndpointObjects(state: ClusterState): KubeObject[] {
  const c = compiled(state);
  const ids = endpointIds(state);
  return state.world.pods
    .filter((p) => !p.hostNetwork)
    .map((p) => {
      const st = state.objects.get(objKey("pods", p.namespace, p.name))?.object;
      const idn = c.identities.pods.get(podKey(p));
      const node = c.index.nodes.get(p.node);
      return {
        apiVersion: "cilium.io/v2",
        kind: "CiliumEndpoint",
        metadata: {
          name: p.name,
          namespace: p.namespace,
          labels: st?.metadata.labels,
          uid: stableUid(`cep/${podKey(p)}`),
          resourceVersion: st?.metadata.resourceVersion ?? "1",
          creationTimestamp: st?.metadata.creationTimestamp ?? isoTime(state.deps.clock()),
          generation: 1,
          ownerReferences: [{ apiVersion: "v1", kind: "Pod", name: p.name, uid: st?.metadata.uid ?? "" }],
        },
        status: {
          id: ids.get(`pod:${podKey(p)}`) ?? 0,
          identity: { id: idn?.id ?? 0, labels: (idn?.labels ?? []).map((l) => `${l.source}:${l.key}=${l.value}`) },
          networking: { addressing: [{ ipv4: p.ip }], node: node?.ip ?? "" },
          "named-ports": p.ports
            .filter((x) => x.name)
            .map((x) => ({ name: x.name as string, port: x.port, protocol: x.protocol })),
          encryption: {},
          state: "ready",
        },
      } as KubeObject;
    });
}

export function ciliumIdentityObjects(state: ClusterState): KubeObject[] {
  const c = compiled(state);
  const seen = new Map<number, string>();
  for (const p of state.world.pods) {
    const idn = c.identities.pods.get(podKey(p));
    const t = state.objects.get(objKey("pods", p.namespace, p.name))?.object.metadata.creationTimestamp ?? "";
    if (idn && (!seen.has(idn.id) || cmpStr(t, seen.get(idn.id) as string) < 0)) seen.set(idn.id, t);
  }
  return c.identities.all
    .filter((i) => seen.has(i.id))
    .map((i) => {
      const labels: Record<string, string> = {};
      const security: Record<string, string> = {};
      for (const l of i.labels) {
        security[`${l.source}:${l.key}`] = l.value;
        if (LABEL_KEY.test(l.key) && l.key.length <= 316) labels[l.key] = l.value;
      }
      return {
        apiVersion: "cilium.io/v2",
        kind: "CiliumIdentity",
        metadata: {
          name: String(i.id),
          labels,
          uid: stableUid(`id/${i.id}`),
          resourceVersion: "1",
          creationTimestamp: seen.get(i.id) ?? isoTime(state.deps.clock()),
          generation: 1,
        },
        "security-labels": security as Json,
      } as KubeObject;
    });
}

export function ciliumNodeObjects(state: ClusterState): KubeObject[] {
  return state.world.nodes.map((n) => {
    const st = state.objects.get(objKey("nodes", undefined, n.name))?.object;
    const p = parsePrefix(n.podCIDR);
    const internal = p.ok ? formatIPv4(p.prefix.base + 91) : "";
    return {
      apiVersion: "cilium.io/v2",
      kind: "CiliumNode",
      metadata: {
        name: n.name,
        labels: n.labels,
        uid: stableUid(`cn/${n.name}`),
        resourceVersion: "1",
        creationTimestamp: st?.metadata.creationTimestamp ?? isoTime(state.deps.clock()),
        generation: 1,
      },
      spec: {
        addresses: [
          { type: "InternalIP", ip: n.ip },
          { type: "CiliumInternalIP", ip: internal },
        ],
        ipam: { podCIDRs: [n.podCIDR] },
      },
    } as KubeObject;
  });
}
