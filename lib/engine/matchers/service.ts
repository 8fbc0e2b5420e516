/** toServices: the destination is one of the Service's backends (selected pods or explicit endpoints). */
import type { PeerView } from "./peer-view";

export const serviceMatcher = {
  allows(backendIPs: ReadonlySet<string>, peer: PeerView): boolean {
    return backendIPs.has(peer.ip);
  },
};
