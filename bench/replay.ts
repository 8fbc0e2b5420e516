/**
 * Replay benchmark (issue 10, quadratic replay): the server replays a saved lab's journal on every save and
 * every graded attempt. A save with 2,000 small applies once took 14–17 s because every operation re-sorted
 * the objects, re-derived the World and compiled it. Replays journals of 250, 500, 1,000 and 2,000 applies
 * (distinct CiliumNetworkPolicies, and Pods in 50 identities: each changes the World) on the Star Wars
 * scenario, then evaluates the compiled world once (what a save's objectives do), and prints the time per
 * apply and the total as ratios to the 250 case. Linear replay: totals ≈ 1×/2×/4×/8×, per apply ≈ 1×.
 * Each size is the median of three runs. Numbers are printed, never asserted.
 */
import { compiledState as compiled, replay, type Journal } from "@/lib/cluster";
import { reproducibleDeps } from "@/lib/base/reproducible";
import { scenarioNamed } from "@/lib/content/scenarios";

const SIZES = [250, 500, 1000, 2000] as const;

export const policyApply = (i: number): Journal[number] => ({
  op: "apply",
  source: "STDIN",
  text: `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: rule-${i}
spec:
  endpointSelector:
    matchLabels:
      class: deathstar
  ingress:
  - fromEndpoints:
    - matchLabels:
        org: empire
    toPorts:
    - ports:
      - port: "${(i % 60000) + 1}"
        protocol: TCP
`,
});

export const podApply = (i: number): Journal[number] => ({
  op: "apply",
  source: "STDIN",
  text: `apiVersion: v1
kind: Pod
metadata:
  name: probe-${i}
  labels:
    class: probe
    batch: b${i % 50}
spec:
  containers:
  - name: c
    image: busybox:1.36
`,
});

function timeReplay(journal: Journal): number {
  const scenario = scenarioNamed("starwars");
  const t0 = performance.now();
  const { state, failures } = replay(scenario, journal, reproducibleDeps());
  compiled(state);
  const ms = performance.now() - t0;
  if (failures.length > 0) throw new Error(`replay failed at op ${failures[0]?.index}`);
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

export default async function main(): Promise<void> {
  await Promise.resolve();
  for (const [label, make] of [
    ["CiliumNetworkPolicy applies", policyApply],
    ["Pod applies", podApply],
  ] as const) {
    timeReplay(Array.from({ length: 250 }, (_, i) => make(i))); // warm-up: module loading, JIT
    const rows = SIZES.map((n) => {
      const journal = Array.from({ length: n }, (_, i) => make(i));
      return { n, ms: median([0, 1, 2].map(() => timeReplay(journal))) };
    });
    const base = rows[0] as { n: number; ms: number };
    console.log(`${label} (replay + one compile, median of 3):`);
    console.log("| applies | total ms | per apply ms | total vs 250 | per apply vs 250 |");
    console.log("|---:|---:|---:|---:|---:|");
    for (const r of rows)
      console.log(
        `| ${r.n} | ${r.ms.toFixed(0)} | ${(r.ms / r.n).toFixed(3)} | ${(r.ms / base.ms).toFixed(2)}× (linear ${r.n / base.n}×) | ${(r.ms / r.n / (base.ms / base.n)).toFixed(2)}× |`,
      );
    console.log("");
  }
}
