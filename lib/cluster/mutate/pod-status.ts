/** A running pod's status as the kubelet reports it (scenario pods and the pods of applied workloads). */
import type { Json } from "../types";

/** The runtime's image ID: `repo@sha256:…` (the pinned digest when the image names one). */
function imageID(image: string): string {
  const at = image.indexOf("@sha256:");
  if (at < 0) return `${image}@sha256:${"0".repeat(12)}`;
  const repo = image.slice(0, at);
  const colon = repo.lastIndexOf(":");
  return `${colon > repo.lastIndexOf("/") ? repo.slice(0, colon) : repo}${image.slice(at)}`;
}

export function podStatus(ip: string, hostIP: string, names: string[], images: string[], t: string): Json {
  const cond = (type: string) => ({ type, status: "True", lastProbeTime: null, lastTransitionTime: t });
  return {
    phase: "Running",
    podIP: ip,
    podIPs: [{ ip }],
    hostIP,
    hostIPs: [{ ip: hostIP }],
    startTime: t,
    qosClass: "BestEffort",
    conditions: ["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"].map(cond),
    containerStatuses: names.map((name, i) => ({
      name,
      ready: true,
      started: true,
      restartCount: 0,
      image: images[i] ?? "",
      imageID: imageID(images[i] ?? ""),
      containerID: `containerd://${(name + "0123456789abcdef").slice(0, 12)}`,
      state: { running: { startedAt: t } },
      lastState: {},
    })),
  };
}
