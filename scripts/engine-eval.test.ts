import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { expect, test } from "vitest";
import { evalCase } from "./engine-eval-core";

const CASE = {
  id: "t1",
  cluster: {
    nodes: [{ name: "w1", labels: {}, ip: "192.168.1.1" }],
    namespaces: [{ name: "default", labels: { "kubernetes.io/metadata.name": "default" } }],
    pods: [
      { name: "a", namespace: "default", labels: { app: "a" }, node: "w1", ip: "10.0.0.1", ports: [] },
      {
        name: "b",
        namespace: "default",
        labels: { app: "b" },
        node: "w1",
        ip: "10.0.0.2",
        ports: [{ name: "http", port: 80, protocol: "TCP" }],
      },
    ],
    external: [],
  },
  settings: { enforcementMode: "default", hostFirewall: false },
  policies: [
    "apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n  name: p\nspec:\n  endpointSelector:\n    matchLabels:\n      app: b\n  ingress:\n  - fromEndpoints:\n    - matchLabels:\n        app: nope\n",
  ],
  flows: [
    { from: "default/a", to: "default/b", port: 80, protocol: "TCP", expect: "dropped" },
    { from: "default/b", to: "default/a", port: 80, protocol: "TCP", expect: "allowed" },
  ],
};

test("evalCase returns one result per flow, in order", () => {
  const r = evalCase(CASE);
  expect(r.id).toBe("t1");
  expect(r.results.map((x) => x.verdict)).toEqual(["dropped", "allowed"]);
  expect(r.results[0]?.reason).toMatch(
    /^dropped: ingress default-deny on default\/b since CiliumNetworkPolicy default\/p selects it/,
  );
  expect(r.errors).toEqual([]);
});

test("schema and Cilium validation errors are listed", () => {
  const bad = {
    ...CASE,
    policies: [
      CASE.policies[0]?.replace("fromEndpoints", "fromEndpoint") ?? "",
      CASE.policies[0]?.replace("ingress:", "ingress: []\n  egressx:") ?? "",
    ],
  };
  const r = evalCase(bad);
  expect(r.errors[0]).toContain('strict decoding error: unknown field "spec.ingress[0].fromEndpoint"');
  expect(r.errors.length).toBeGreaterThan(0);
});

const DIR = resolve(import.meta.dirname, "../lib/cluster/acceptance/cases");
test("the CLI prints one JSON line per case", () => {
  const out = execFileSync("npx", ["tsx", "scripts/engine-eval.ts", resolve(DIR, "01-l3-frontend-to-backend.json")], {
    encoding: "utf8",
    cwd: resolve(import.meta.dirname, ".."),
  });
  const lines = out.trim().split("\n");
  expect(lines).toHaveLength(1);
  const r = JSON.parse(lines[0] as string) as {
    id: string;
    results: { verdict: string; snatIP: string | null; reason: string }[];
    errors: string[];
  };
  expect(r.id).toBe("01-l3-frontend-to-backend");
  expect(Object.keys(r.results[0] ?? {})).toEqual(["verdict", "snatIP", "reason"]);
}, 60_000);
