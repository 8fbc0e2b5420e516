/**
 * Full pod-to-pod reachability at L3/L4, per identity pair and port, the way Cilium's datapath sees it:
 * for each (subject identity, direction, port) one bitset of allowed peer identities, built from the
 * subject's compiled entries (selector matches computed once per rule peer). L7-restricted ports count
 * as reachable (the proxy decides per request). Named ports resolve against a representative pod.
 */
import { auditMode } from "../audit";
import type { Identity } from "../identity";
import type { PeerView } from "../matchers/peer-view";
import { portMatcher } from "../matchers/ports";
import type { PodModel } from "../model";
import type { Direction, Entry, Peer } from "../policy/types";
import type { Compiled } from "./compiled";
import { podKey } from "./world-index";

export interface Matrix {
  readonly identities: readonly Identity[];
  readonly ports: readonly number[];
  /** allowed(srcIndex, dstIndex, portIndex) */
  allowed(src: number, dst: number, port: number): boolean;
  /** Number of allowed (src identity, dst identity, port) triples. */
  readonly allowedCount: number;
}

export function reachabilityMatrix(c: Compiled, ports: readonly number[]): Matrix {
  const reps = new Map<number, PodModel>();
  for (const p of c.world.pods) {
    const idn = c.identities.pods.get(podKey(p));
    if (idn && !reps.has(idn.id)) reps.set(idn.id, p);
  }
  const ids = [...reps.keys()].sort((a, b) => a - b).map((id) => c.identities.byId.get(id) as Identity);
  const n = ids.length;
  const words = Math.ceil(n / 32);
  const views: PeerView[] = ids.map((identity) => ({
    key: `p${identity.id}`,
    identity,
    ip: reps.get(identity.id)?.ip ?? "",
    names: [],
    pod: reps.get(identity.id),
  }));
  const peerBits = new Map<Peer, Uint32Array>();
  const bitsFor = (peer: Peer): Uint32Array => {
    let b = peerBits.get(peer);
    if (!b) {
      b = new Uint32Array(words);
      for (let i = 0; i < n; i++)
        if (c.peerMatches(peer, views[i] as PeerView)) (b[i >>> 5] as number) |= 1 << (i & 31);
      peerBits.set(peer, b);
    }
    return b;
  };
  const table = (dir: Direction): Uint32Array[][] =>
    ids.map((identity) => {
      const sp = c.subject({ kind: "pod", identity }, dir);
      const rep = reps.get(identity.id) as PodModel;
      return ports.map((port) => {
        const out = new Uint32Array(words);
        // Audit mode forwards what policy would drop (per-endpoint audit: judged on the identity's representative pod).
        if (!sp.enforcement.enforced || auditMode(c.world.settings, { kind: "pod", pod: rep })) {
          out.fill(0xffffffff);
          return out;
        }
        const portOk = (e: Entry, peerPod: PodModel | undefined) =>
          !e.ports ||
          e.ports.some((p) => portMatcher.allows(p, port, "TCP", (dir === "ingress" ? rep : peerPod)?.ports));
        const apply = (entries: readonly Entry[], f: (w: number, v: number) => number) => {
          for (const e of entries) {
            const named = e.ports?.some((p) => p.name !== undefined) && dir === "egress";
            if (!named) {
              if (!portOk(e, undefined)) continue;
              const b = bitsFor(e.peer);
              for (let w = 0; w < words; w++) out[w] = f(out[w] as number, b[w] as number);
              continue;
            }
            const b = bitsFor(e.peer);
            for (let i = 0; i < n; i++)
              if (((b[i >>> 5] as number) >>> (i & 31)) & 1 && portOk(e, views[i]?.pod)) {
                const m = new Uint32Array(words);
                (m[i >>> 5] as number) |= 1 << (i & 31);
                for (let w = 0; w < words; w++) out[w] = f(out[w] as number, m[w] as number);
              }
          }
        };
        if (!sp.enforcement.defaultDeny) out.fill(0xffffffff);
        else apply(sp.allow, (a, b) => a | b);
        const deny = new Uint32Array(words);
        const saved = out.slice();
        out.fill(0);
        apply(sp.deny, (a, b) => a | b);
        deny.set(out);
        for (let w = 0; w < words; w++) out[w] = (saved[w] as number) & ~(deny[w] as number);
        return out;
      });
    });
  const egress = table("egress");
  const ingress = table("ingress");
  const allowed = (s: number, d: number, p: number): boolean =>
    (((((egress[s] as Uint32Array[])[p] as Uint32Array)[d >>> 5] as number) >>> (d & 31)) & 1) === 1 &&
    (((((ingress[d] as Uint32Array[])[p] as Uint32Array)[s >>> 5] as number) >>> (s & 31)) & 1) === 1;
  let count = 0;
  for (let s = 0; s < n; s++)
    for (let d = 0; d < n; d++) for (let p = 0; p < ports.length; p++) if (allowed(s, d, p)) count++;
  return { identities: ids, ports, allowed, allowedCount: count };
}
