/** Table-driven rule tests over the fixture zoo; every multi-policy row runs under every order of its policies. */
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { policyKey } from "./brand";
import { compileWorld } from "./compile/compiled";
import { evaluateFlow, type FlowSpec } from "./flow";
import { FIXTURES, type FixtureName } from "./fixtures/policies";
import type { PodModel, PolicyKind, PolicyObject, World } from "./model";

const pod = (ns: string, name: string, labels: Record<string, string>, node: string, ip: string): PodModel => ({
  name,
  namespace: ns,
  labels,
  node,
  ip,
  hostNetwork: false,
  serviceAccount: "default",
  ports: [{ name: "http", port: 8080, protocol: "TCP" }],
});

function world(names: readonly FixtureName[], mode: World["settings"]["enforcementMode"] = "default"): World {
  const policies: PolicyObject[] = names.map((n) => {
    const o = parse(FIXTURES[n]) as { kind: PolicyKind; metadata: { name: string; namespace?: string }; spec: unknown };
    const ns = o.kind === "CiliumClusterwideNetworkPolicy" ? undefined : o.metadata.namespace;
    return {
      key: policyKey(o.kind, ns, o.metadata.name),
      kind: o.kind,
      namespace: ns,
      name: o.metadata.name,
      uid: n,
      spec: o.spec,
    };
  });
  return {
    clusterName: "default",
    nodes: ["n1", "n2"].map((n, i) => ({
      name: n,
      ip: `192.168.0.${i + 1}`,
      labels: {},
      podCIDR: `10.0.${i}.0/24`,
      interfaces: [],
      defaultRouteInterface: "eth0",
      listeners: [],
    })),
    namespaces: [
      { name: "default", labels: { "kubernetes.io/metadata.name": "default" } },
      { name: "ops", labels: { "kubernetes.io/metadata.name": "ops", team: "ops" } },
    ],
    pods: [
      pod("default", "frontend", { role: "frontend" }, "n1", "10.0.0.10"),
      pod("default", "backend", { role: "backend" }, "n2", "10.0.1.10"),
      pod("default", "batch", { role: "batch" }, "n1", "10.0.0.11"),
      pod("default", "admin", { role: "admin" }, "n1", "10.0.0.12"),
      pod("ops", "admin", { role: "admin" }, "n1", "10.0.0.13"),
      pod("ops", "tool", { role: "tool" }, "n2", "10.0.1.13"),
    ],
    services: [],
    externals: [{ name: "internet", ip: "203.0.113.9", hostnames: [], kubeApiserver: false }],
    settings: { enforcementMode: mode, hostFirewall: false, egressGateway: false },
    policies,
    pinnedIdentities: new Map(),
  };
}

type Row = [string, FixtureName[], [from: string, to: string, port: number, expect: string, http?: FlowSpec["http"]][]];
const TO = "default/backend";
const ROWS: Row[] = [
  ["no policy: everything allowed", [], [["default/batch", TO, 8080, "allowed"]]],
  [
    "L3/L4 allow",
    ["allow-frontend"],
    [
      ["default/frontend", TO, 8080, "allowed"],
      ["default/frontend", TO, 9090, "dropped"],
      ["default/batch", TO, 8080, "dropped"],
      ["external:internet", TO, 8080, "dropped"],
    ],
  ],
  [
    "deny beats allow-all",
    ["allow-all-ingress", "deny-8080-from-batch"],
    [
      ["default/batch", TO, 8080, "dropped"],
      ["default/batch", TO, 8081, "allowed"],
      ["external:internet", TO, 8080, "allowed"],
    ],
  ],
  [
    "three-way: allow + deny + L7",
    ["allow-frontend", "deny-8080-from-batch", "l7-get-only"],
    [
      ["default/frontend", TO, 8080, "allowed", { method: "POST", path: "/x" }],
      ["default/batch", TO, 8080, "dropped"],
    ],
  ],
  [
    "CNP ingress: [{}] is default deny",
    ["deny-all-cnp"],
    [
      ["default/frontend", TO, 8080, "dropped"],
      ["default/backend", "default/frontend", 8080, "dropped"],
    ],
  ],
  [
    "enableDefaultDeny false: only denies bite",
    ["no-default-deny"],
    [
      ["default/batch", TO, 8080, "dropped"],
      ["default/frontend", TO, 8080, "allowed"],
    ],
  ],
  [
    "port range",
    ["port-range"],
    [
      ["default/batch", TO, 8000, "allowed"],
      ["default/batch", TO, 8090, "allowed"],
      ["default/batch", TO, 8091, "dropped"],
    ],
  ],
  [
    "namespace-qualified peer",
    ["other-ns-peer"],
    [
      ["ops/tool", TO, 8080, "allowed"],
      ["default/admin", TO, 8080, "dropped"],
    ],
  ],
  [
    "KNP: ns+pod in one peer = AND",
    ["knp-combined-peer"],
    [
      ["ops/admin", TO, 8080, "allowed"],
      ["ops/tool", TO, 8080, "dropped"],
      ["default/admin", TO, 8080, "dropped"],
    ],
  ],
  [
    "KNP: two peers = OR",
    ["knp-separate-peers"],
    [
      ["ops/admin", TO, 8080, "allowed"],
      ["ops/tool", TO, 8080, "allowed"],
      ["default/admin", TO, 8080, "allowed"],
      ["default/batch", TO, 8080, "dropped"],
    ],
  ],
  [
    "L7: regex anchored, headers",
    ["l7-get-only"],
    [
      ["default/frontend", TO, 8080, "allowed", { method: "GET", path: "/api/v1/x", headers: { "x-team": "blue" } }],
      ["default/frontend", TO, 8080, "denied-l7", { method: "GET", path: "/api/v1/x" }],
      [
        "default/frontend",
        TO,
        8080,
        "denied-l7",
        { method: "GET", path: "/v2/api/v1/x", headers: { "X-Team": "blue" } },
      ],
      ["default/frontend", TO, 8080, "denied-l7", { method: "GETX", path: "/api/v1/x", headers: { "X-Team": "blue" } }],
      ["default/frontend", TO, 8080, "allowed"],
    ],
  ],
  [
    "an L3-only allow lifts L7 for that peer",
    ["l7-get-only", "l3-only-frontend"],
    [["default/frontend", TO, 8080, "allowed", { method: "DELETE", path: "/" }]],
  ],
];

function permutations<T>(xs: T[]): T[][] {
  if (xs.length <= 1) return [xs];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}

describe("rules", () => {
  for (const [name, fixtures, flows] of ROWS) {
    test(name, () => {
      for (const order of permutations(fixtures)) {
        const c = compileWorld(world(order));
        for (const [from, to, port, want, http] of flows) {
          const r = evaluateFlow(c, { from, to, port, http });
          if (!r.ok) throw new Error(r.error);
          expect({ order, from, to, port, http, verdict: r.verdict.verdict }).toEqual({
            order,
            from,
            to,
            port,
            http,
            verdict: want,
          });
        }
      }
    });
  }
});

/** Explained verdicts: substrings the reason must contain, under every order of the policies. */
type ExplainRow = [
  string,
  FixtureName[],
  [from: string, to: string, port: number, expect: string, http: FlowSpec["http"] | undefined, reason: string[]][],
];
const F = "default/frontend";
const EXPLAIN: ExplainRow[] = [
  [
    "L7 denial names the part that failed",
    ["l7-get-only"],
    [
      [
        F,
        TO,
        8080,
        "denied-l7",
        { method: "GET", path: "/api/v1/x" },
        ["403 Access denied", "allows GET /api/v[0-9]+/.* with header X-Team: blue, but header X-Team is missing"],
      ],
      [
        F,
        TO,
        8080,
        "denied-l7",
        { method: "GET", path: "/api/v1/x", headers: { "x-team": "red" } },
        ['header X-Team is "red", the rule wants "blue"'],
      ],
      [
        F,
        TO,
        8080,
        "denied-l7",
        { method: "PUT", path: "/api/v1/x", headers: { "X-Team": "blue" } },
        ['method "PUT" does not match "GET"'],
      ],
      [
        F,
        TO,
        8080,
        "denied-l7",
        { method: "GET", path: "/v2/api/v1/x", headers: { "X-Team": "blue" } },
        ['path "/v2/api/v1/x" does not match "/api/v[0-9]+/.*"'],
      ],
    ],
  ],
  [
    "L7 host",
    ["l7-host"],
    [
      [
        F,
        TO,
        8080,
        "denied-l7",
        { method: "GET", path: "/", host: "evil.example.com" },
        ['host "evil.example.com" does not match "api\\.example\\.com"'],
      ],
      [
        F,
        TO,
        8080,
        "allowed",
        { method: "GET", path: "/", host: "api.example.com" },
        [
          "allowed by CiliumNetworkPolicy default/l7-host ingress[0] (L7 rule any method any path host api\\.example\\.com",
        ],
      ],
    ],
  ],
  [
    "merged L7 rules on one port: each alternative names its own policy",
    ["l7-get-only", "l7-post-admin"],
    [
      [
        F,
        TO,
        8080,
        "allowed",
        { method: "POST", path: "/admin" },
        ["allowed by CiliumNetworkPolicy default/l7-post ingress[0]"],
      ],
      [
        F,
        TO,
        8080,
        "allowed",
        { method: "GET", path: "/api/v1/x", headers: { "X-Team": "blue" } },
        ["allowed by CiliumNetworkPolicy default/l7 ingress[0]"],
      ],
      [
        F,
        TO,
        8080,
        "denied-l7",
        { method: "DELETE", path: "/admin" },
        [
          'CiliumNetworkPolicy default/l7 ingress[0] allows GET /api/v[0-9]+/.* with header X-Team: blue, but method "DELETE" does not match "GET"',
          'CiliumNetworkPolicy default/l7-post ingress[0] allows POST /admin, but method "DELETE" does not match "POST"',
        ],
      ],
      [
        F,
        TO,
        8080,
        "allowed",
        undefined,
        [
          "requests go through the HTTP proxy, which allows",
          "POST /admin (CiliumNetworkPolicy default/l7-post ingress[0])",
          "(CiliumNetworkPolicy default/l7 ingress[0])",
        ],
      ],
    ],
  ],
  [
    "default deny names only the policies that keep it on",
    ["no-default-deny", "allow-frontend"],
    [
      [
        "default/admin",
        TO,
        8080,
        "dropped",
        undefined,
        [
          "since CiliumNetworkPolicy default/allow-frontend selects it (policy enforcement mode default; CiliumNetworkPolicy default/soft opts out with enableDefaultDeny.ingress: false)",
          "nearest rule CiliumNetworkPolicy default/allow-frontend ingress[0]",
          "the peer fails any:role in (frontend)",
        ],
      ],
    ],
  ],
];

describe("explained verdicts", () => {
  for (const [name, fixtures, flows] of EXPLAIN) {
    test(name, () => {
      for (const order of permutations(fixtures)) {
        const c = compileWorld(world(order));
        for (const [from, to, port, want, http, reason] of flows) {
          const r = evaluateFlow(c, { from, to, port, http });
          if (!r.ok) throw new Error(r.error);
          expect({ order, from, http, verdict: r.verdict.verdict }).toEqual({ order, from, http, verdict: want });
          for (const s of reason)
            expect({ order, http, reason: r.verdict.reason }).toEqual({
              order,
              http,
              reason: expect.stringContaining(s),
            });
        }
      }
    });
  }
});

describe("enforcement modes", () => {
  test("always: default deny everywhere; never: nothing enforced", () => {
    const always = compileWorld(world([], "always"));
    expect(evaluateFlow(always, { from: "default/batch", to: "default/frontend", port: 8080 })).toMatchObject({
      verdict: { verdict: "dropped" },
    });
    const never = compileWorld(world(["deny-all-cnp", "deny-8080-from-batch"], "never"));
    expect(evaluateFlow(never, { from: "default/batch", to: TO, port: 8080 })).toMatchObject({
      verdict: { verdict: "allowed" },
    });
  });
});

describe("reachability grid (cyclonus style)", () => {
  test("KNP with two peers, port 8080: rows = from, columns = to", () => {
    const c = compileWorld(world(["knp-separate-peers"]));
    const pods = c.world.pods.map((p) => `${p.namespace}/${p.name}`).sort();
    const grid = pods.map((from) =>
      pods
        .map((to) => {
          if (from === to) return "-";
          const r = evaluateFlow(c, { from, to, port: 8080 });
          return r.ok && r.verdict.verdict === "allowed" ? "." : "X";
        })
        .join(""),
    );
    // columns: default/admin default/backend default/batch default/frontend ops/admin ops/tool
    expect(grid).toEqual([
      "-.....", // default/admin  → backend allowed (podSelector role=admin, same namespace)
      ".-....", // default/backend
      ".X-...", // default/batch  → backend dropped
      ".X.-..", // default/frontend → backend dropped
      "....-.", // ops/admin (namespace team=ops) → allowed
      ".....-", // ops/tool (namespace team=ops) → allowed
    ]);
  });
});
