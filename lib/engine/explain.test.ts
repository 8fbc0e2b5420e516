/**
 * The explained verdict (evaluatePair) is built from cached pieces — rule labels, identity texts, match
 * references — so explaining a flow costs string joins, not formatting (bench: `npm run bench -- engine`).
 * The texts themselves must not change: the acceptance cases pin them; here, the sharing and a sample.
 */
import { describe, expect, test } from "vitest";
import { compileWorld } from "./compile/compiled";
import { generateWorld } from "./fixtures/generate";
import { mulberry32, pick } from "./fixtures/prng";
import type { Party } from "./refs";
import { evaluatePair } from "./verdict";

const PORTS = [80, 443, 8080, 5432];
const world = generateWorld(mulberry32(1), {
  namespaces: 5,
  pods: 200,
  policies: 40,
  ports: PORTS,
  apps: 8,
  externals: 4,
});
const NO = new Map<string, string[]>();

describe("explained verdicts", () => {
  test("reasons and matched rules come from shared, cached pieces", () => {
    const c = compileWorld(world);
    const rnd = mulberry32(9);
    let shared = 0;
    for (let i = 0; i < 400; i++) {
      const src: Party = { kind: "pod", pod: pick(rnd, world.pods) };
      const dst: Party = { kind: "pod", pod: pick(rnd, world.pods) };
      const inp = {
        src,
        dst: { party: dst, port: pick(rnd, PORTS) },
        srcPort: 40000,
        proto: "TCP" as const,
        l7: {},
        names: NO,
      };
      const a = evaluatePair(c, inp);
      const b = evaluatePair(c, inp);
      expect(b).toEqual(a);
      expect(a.reason).toMatch(/^(allowed|dropped|denied-l7): /);
      // the same rule reference object, not a copy formatted again
      if (a.matched.length > 0) {
        expect(b.matched[0]).toBe(a.matched[0]);
        shared++;
      }
      for (let s = 0; s < a.steps.length; s++) {
        if ((a.steps[s]?.matched.length ?? 0) > 0) expect(b.steps[s]?.matched[0]).toBe(a.steps[s]?.matched[0]);
      }
    }
    expect(shared).toBeGreaterThan(50);
  });
});
