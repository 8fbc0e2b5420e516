/** Learner input never throws: mangled manifests come back as diagnostics. */
import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { mulberry32, pick } from "@/lib/engine/fixtures/prng";
import { apply, createCluster, evaluate, parseScenario } from "@/lib/cluster";

const p = parseScenario("starwars", readFileSync("content/scenarios/starwars.yaml", "utf8"));
if (!p.ok) throw new Error("starwars");
const base = createCluster(p.scenario, { clock: () => 0, random: mulberry32(1) });
const RULE = readFileSync("lib/engine/fixtures/sw_l3_l4_l7_policy.yaml", "utf8");

test("random mutations of a policy never throw", () => {
  const rnd = mulberry32(99);
  const pieces = [
    ": ",
    "- ",
    "  ",
    "\t",
    "{",
    "}",
    "[",
    "]",
    "*a",
    "&a ",
    "'",
    '"',
    "0",
    "-1",
    "null",
    "true",
    "\n",
    "fromEndpoints",
    "toPorts",
    "port",
    "reserved:host",
    "matchExpressions",
    "In",
    "0.0.0.0/0",
    "99999",
    "ANY",
    "http",
    "/(",
    "~",
  ];
  for (let i = 0; i < 400; i++) {
    let text = RULE;
    for (let k = 0; k < 1 + Math.floor(rnd() * 4); k++) {
      const at = Math.floor(rnd() * text.length);
      text =
        rnd() < 0.5
          ? text.slice(0, at) + pick(rnd, pieces) + text.slice(at)
          : text.slice(0, at) + text.slice(at + 1 + Math.floor(rnd() * 5));
    }
    const r = apply(base, text, { source: "fuzz.yaml" });
    expect(typeof r.ok).toBe("boolean");
    for (const d of r.diagnostics) expect(typeof d.message).toBe("string");
    const v = evaluate(r.state, {
      from: "default/tiefighter",
      to: "svc:default/deathstar",
      port: 80,
      http: { method: "POST", path: "/v1/request-landing" },
    });
    expect(v.ok).toBe(true);
  }
});

test("alias bombs and oversize input are refused", () => {
  const bomb = `a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [${Array(9).fill("*a").join(",")}]\nc: &c [${Array(9).fill("*b").join(",")}]\nd: [${Array(200).fill("*c").join(",")}]\n`;
  expect(apply(base, bomb, { source: "bomb.yaml" }).diagnostics[0]?.code).toBe("yaml-limit");
  expect(apply(base, "x".repeat(300 * 1024), { source: "big.yaml" }).diagnostics[0]?.code).toBe("yaml-limit");
});
