/** fromEndpoints / toEndpoints / KNP pod & namespace selectors: a label selector over the peer's identity labels. */
import { type Selector, selectorMatches } from "../selector";
import type { PeerView } from "./peer-view";

export const endpointSelectorMatcher = {
  allows(sel: Selector, peer: PeerView): boolean {
    return selectorMatches(sel, peer.identity.index);
  },
};
