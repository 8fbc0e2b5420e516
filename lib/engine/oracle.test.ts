/** The compiled engine against the naive oracle on generated clusters, policies and flows. */
import { describe, expect, test } from "vitest";
import { compileWorld } from "./compile/compiled";
import { generateWorld } from "./fixtures/generate";
import { naiveVerdict, type OracleParty } from "./fixtures/oracle";
import { mulberry32, pick } from "./fixtures/prng";
import type { World } from "./model";
import type { Party } from "./refs";
import { evaluatePair, quickVerdict } from "./verdict";

function toParty(w: World, p: OracleParty): Party {
  if (p.kind === "pod") return { kind: "pod", pod: p.pod };
  if (p.kind === "host")
    return { kind: "host", node: w.nodes.find((n) => n.name === p.node) as World["nodes"][number] };
  return { kind: "world", ip: p.ip };
}

function randomParty(rnd: () => number, w: World): OracleParty {
  const r = rnd();
  if (r < 0.75) return { kind: "pod", pod: pick(rnd, w.pods) };
  if (r < 0.9)
    return { kind: "world", ip: pick(rnd, [...w.externals.map((e) => e.ip), "198.51.100.200", "203.0.113.5"]) };
  return { kind: "host", node: pick(rnd, w.nodes).name };
}

describe("compiled engine = naive oracle", () => {
  for (const mode of ["default", "always", "never"] as const) {
    test(`generated clusters, mode ${mode}`, () => {
      let checked = 0;
      const seen: Record<string, number> = {};
      for (let seed = 1; seed <= 25; seed++) {
        const rnd = mulberry32(seed * 7919 + mode.length);
        const w = generateWorld(rnd, {
          namespaces: 3,
          pods: 24,
          policies: 8,
          ports: [80, 443, 8080, 5432],
          apps: 4,
          externals: 3,
          mode,
        });
        const c = compileWorld(w);
        for (let i = 0; i < 60; i++) {
          const src = randomParty(rnd, w);
          const dst = randomParty(rnd, w);
          if (src.kind === "world" && dst.kind === "world") continue;
          if (src.kind === "host" && dst.kind === "host" && src.node === dst.node) continue;
          const port = pick(rnd, [80, 443, 8080, 5432, 9999]);
          const http =
            rnd() < 0.3
              ? { method: pick(rnd, ["GET", "POST"]), path: pick(rnd, ["/api/x", "/healthz", "/"]) }
              : undefined;
          const inp = {
            src: toParty(w, src),
            dst: { party: toParty(w, dst), port },
            srcPort: 40000,
            proto: "TCP" as const,
            l7: { http },
            names: new Map(),
          };
          const got = evaluatePair(c, inp).verdict;
          expect(quickVerdict(c, inp)).toBe(got);
          const want = naiveVerdict(w, src, dst, port, http);
          if (got !== want) {
            const show = (p: OracleParty) =>
              p.kind === "pod" ? `${p.pod.namespace}/${p.pod.name}` : p.kind === "host" ? `node:${p.node}` : p.ip;
            throw new Error(
              `seed ${seed}: ${show(src)} -> ${show(dst)}:${port} ${JSON.stringify(http)} engine=${got} oracle=${want}\n${JSON.stringify(
                w.policies.map((p) => [p.kind, p.namespace, p.name, p.spec]),
                null,
                1,
              )}`,
            );
          }
          checked++;
          seen[got] = (seen[got] ?? 0) + 1;
        }
      }
      expect(checked).toBeGreaterThan(1000);
      if (mode !== "never") {
        expect(seen.dropped ?? 0).toBeGreaterThan(100);
        expect(seen.allowed ?? 0).toBeGreaterThan(100);
      }
      if (mode === "default") expect(seen["denied-l7"] ?? 0).toBeGreaterThan(0);
    });
  }
});
