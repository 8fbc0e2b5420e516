/** Versions and names of the lab's kind cluster (content/scenarios/ROSTER.md: Kubernetes v1.34.1, Cilium 1.20). */
export const KUBERNETES_VERSION = "v1.34.1";
/** The Cilium release the lab plays (helm, cilium status, cilium version). */
export const CILIUM_VERSION = "1.20.1";
