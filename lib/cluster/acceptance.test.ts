/**
 * Every acceptance case (./acceptance/cases, kept in the repository: the specification of the engine's verdicts
 * travels with the code): each flow's verdict (and snatIP), errors for `invalid` cases, and — for multi-policy
 * cases — the same results under every order of policies.
 */
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { evalCase } from "@/scripts/engine-eval-core";

const DIR = resolve(import.meta.dirname, "acceptance/cases");
const files = readdirSync(DIR)
  .filter((f) => f.endsWith(".json"))
  .sort();

interface Case {
  id: string;
  policies: string[];
  flows: { expect: string; snatIP?: string; from: string; to: string; port: number }[];
  invalid?: unknown;
}

function permutations<T>(xs: T[]): T[][] {
  if (xs.length <= 1) return [xs];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}

describe("acceptance cases", () => {
  // The public sample has 34 cases; more may be added, none may disappear unnoticed.
  test("every case is there", () => expect(files.length).toBeGreaterThanOrEqual(34));
  for (const f of files) {
    const c = JSON.parse(readFileSync(resolve(DIR, f), "utf8")) as Case;
    test(c.id, () => {
      const r = evalCase(c);
      expect(r.results).toHaveLength(c.flows.length);
      c.flows.forEach((fl, i) => {
        const got = r.results[i];
        expect({ flow: `${fl.from} -> ${fl.to}:${fl.port}`, verdict: got?.verdict, reason: got?.reason }).toMatchObject(
          { verdict: fl.expect },
        );
        if (fl.snatIP) expect(got?.snatIP).toBe(fl.snatIP);
      });
      if (c.invalid) expect(r.errors.length).toBeGreaterThan(0);
      if (c.policies.length > 1) {
        for (const order of permutations(c.policies)) {
          expect(evalCase({ ...c, policies: order }).results.map((x) => x.verdict)).toEqual(
            r.results.map((x) => x.verdict),
          );
        }
      }
    });
  }
});
