/**
 * Entities (Documentation/security/policy/layer3.rst "Entities based", pkg/policy/api/entity.go):
 * world = outside the cluster (reserved:world, world-ipv4, world-ipv6); cluster = every in-cluster
 * identity (pods of this cluster, host, remote-node, health, init, ingress, unmanaged); host = the local
 * node only; remote-node = any other node; kube-apiserver = the API server's IPs; all = everything.
 */
import { LABEL_CLUSTER, SOURCE_K8S, SOURCE_RESERVED } from "../labels";
import type { PeerView } from "./peer-view";

const has = (peer: PeerView, name: string): boolean =>
  (peer.identity.index.get(name) ?? []).some((l) => l.source === SOURCE_RESERVED);

const CLUSTER_RESERVED = ["host", "remote-node", "health", "init", "ingress", "unmanaged"];

export const entityMatcher = {
  allows(entity: string, peer: PeerView, clusterName: string): boolean {
    switch (entity) {
      case "all":
        return true;
      case "none":
        return false;
      case "world":
        return has(peer, "world") || has(peer, "world-ipv4") || has(peer, "world-ipv6");
      case "cluster":
        if (CLUSTER_RESERVED.some((r) => has(peer, r))) return true;
        return (peer.identity.index.get(LABEL_CLUSTER) ?? []).some(
          (l) => l.source === SOURCE_K8S && l.value === clusterName,
        );
      default:
        return has(peer, entity);
    }
  },
};
