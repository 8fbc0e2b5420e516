import { expect, test } from "vitest";
import { generateWorld } from "../fixtures/generate";
import { mulberry32 } from "../fixtures/prng";
import { evaluatePair } from "../verdict";
import { compileWorld } from "./compiled";
import { reachabilityMatrix } from "./matrix";
import { podKey } from "./world-index";

test("the bitset matrix agrees with per-flow verdicts (L7 counts as reachable)", () => {
  for (let seed = 1; seed <= 6; seed++) {
    const w = generateWorld(mulberry32(seed), {
      namespaces: 4,
      pods: 60,
      policies: 25,
      ports: [80, 443, 8080],
      apps: 5,
      externals: 2,
    });
    const c = compileWorld(w);
    const m = reachabilityMatrix(c, [80, 443, 8080]);
    const byId = new Map(m.identities.map((i, n) => [i.id as number, n]));
    for (const src of w.pods.slice(0, 25)) {
      for (const dst of w.pods.slice(25, 50)) {
        m.ports.forEach((port, pi) => {
          const v = evaluatePair(c, {
            src: { kind: "pod", pod: src },
            dst: { party: { kind: "pod", pod: dst }, port },
            srcPort: 1,
            proto: "TCP",
            l7: {},
            names: new Map(),
          });
          const s = byId.get(c.identities.pods.get(podKey(src))?.id as number) as number;
          const d = byId.get(c.identities.pods.get(podKey(dst))?.id as number) as number;
          expect([seed, src.name, dst.name, port, m.allowed(s, d, pi)]).toEqual([
            seed,
            src.name,
            dst.name,
            port,
            v.verdict !== "dropped",
          ]);
        });
      }
    }
  }
});
