/**
 * The in-repo acceptance cases (lib/cluster/cases/*.json, the shared acceptance format): each flow's
 * verdict under every order of the case's policies, plus two optional fields of ours —
 * `expectWarnings` (text each listed policy warning must contain, in `kind ns/name` → substrings),
 * `expectErrors` (substrings, each found in one of the apply errors) and `expectReason` on a flow (substrings
 * of the explained verdict).
 */
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { apply, createCluster, policyStatus, scenarioFromCase, type ClusterState } from "@/lib/cluster";
import { evalCase } from "@/scripts/engine-eval-core";

const DIR = resolve(process.cwd(), "lib/cluster/cases");
const files = readdirSync(DIR)
  .filter((f) => f.endsWith(".json"))
  .sort();

interface Flow {
  from: string;
  to: string;
  port: number;
  expect: string;
  expectReason?: string[];
}
interface Case {
  id: string;
  policies: string[];
  flows: Flow[];
  invalid?: unknown;
  expectWarnings?: Record<string, string[]>;
  expectErrors?: string[];
}

function permutations<T>(xs: T[]): T[][] {
  if (xs.length <= 1) return [xs];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}

function warnings(c: Case): Record<string, string[]> {
  const sc = scenarioFromCase(c);
  if (!sc.ok) throw new Error(sc.error);
  let state: ClusterState = createCluster(sc.scenario, { clock: () => 1_750_000_000_000, random: () => 0.5 });
  c.policies.forEach((p, i) => (state = apply(state, p, { source: `policy-${i + 1}.yaml` }).state));
  return Object.fromEntries(
    policyStatus(state).map((s) => [
      `${s.kind} ${s.namespace !== undefined ? `${s.namespace}/` : ""}${s.name}`,
      s.warnings,
    ]),
  );
}

describe("in-repo acceptance cases", () => {
  test("there are cases", () => expect(files.length).toBeGreaterThan(0));
  for (const f of files) {
    const c = JSON.parse(readFileSync(resolve(DIR, f), "utf8")) as Case;
    test(c.id, () => {
      expect(`${c.id}.json`).toBe(f);
      for (const order of permutations(c.policies)) {
        const r = evalCase({ ...c, policies: order });
        expect(r.results).toHaveLength(c.flows.length);
        c.flows.forEach((fl, i) => {
          const got = r.results[i];
          expect({
            order: order.length,
            flow: `${fl.from} -> ${fl.to}:${fl.port}`,
            verdict: got?.verdict,
            reason: got?.reason,
          }).toMatchObject({ verdict: fl.expect });
          for (const s of fl.expectReason ?? []) expect(got?.reason).toContain(s);
        });
        if (c.invalid) expect(r.errors.length).toBeGreaterThan(0);
        else expect(r.errors).toEqual([]);
        for (const s of c.expectErrors ?? []) expect(r.errors).toContainEqual(expect.stringContaining(s));
      }
      if (c.expectWarnings) {
        const got = warnings(c);
        for (const [policy, subs] of Object.entries(c.expectWarnings)) {
          const text = (got[policy] ?? []).join("\n");
          if (subs.length === 0) expect({ policy, warnings: got[policy] }).toEqual({ policy, warnings: [] });
          for (const s of subs) expect({ policy, text }).toEqual({ policy, text: expect.stringContaining(s) });
        }
      }
    });
  }
});
