/**
 * More acceptance-style cases (same format as ./acceptance/cases), written from the Cilium and
 * Kubernetes documentation for semantics the shared sample does not cover.
 */
import { describe, expect, test } from "vitest";
import { evalCase } from "@/scripts/engine-eval-core";

const nodes = [
  { name: "cp1", labels: { "node-role.kubernetes.io/control-plane": "" }, ip: "192.168.10.10" },
  {
    name: "worker1",
    labels: { type: "worker" },
    ip: "192.168.10.11",
    interfaces: [{ name: "eth0", ipv4: ["192.168.10.11"] }],
  },
  {
    name: "worker2",
    labels: { type: "worker", "egress-node": "true" },
    ip: "192.168.10.12",
    interfaces: [{ name: "eth0", ipv4: ["192.168.10.12", "192.168.10.100"] }],
  },
];
const ns = (name: string, labels: Record<string, string> = {}) => ({
  name,
  labels: { "kubernetes.io/metadata.name": name, ...labels },
});
const pod = (
  namespace: string,
  name: string,
  labels: Record<string, string>,
  node: string,
  ip: string,
  ports: { name: string; port: number; protocol: string }[] = [],
) => ({ name, namespace, labels, node, ip, ports });
const cluster = {
  nodes,
  namespaces: [ns("default"), ns("ops", { team: "ops" }), ns("kube-system")],
  pods: [
    pod("default", "web", { app: "web" }, "worker1", "10.244.1.10", [{ name: "http", port: 80, protocol: "TCP" }]),
    pod("default", "client", { app: "client" }, "worker2", "10.244.2.10"),
    pod("ops", "admin", { role: "admin" }, "worker2", "10.244.2.11"),
    pod("ops", "tool", { role: "tool" }, "worker1", "10.244.1.11"),
    pod("kube-system", "coredns", { "k8s-app": "kube-dns" }, "cp1", "10.244.0.53", [
      { name: "dns", port: 53, protocol: "UDP" },
    ]),
  ],
  external: [
    { name: "internet", ip: "203.0.113.10" },
    { name: "partner", ip: "198.51.100.7", hostnames: ["api.partner.io"] },
    { name: "docs", ip: "198.51.100.8", hostnames: ["docs.partner.io"] },
  ],
};
type Flow = {
  from: string;
  to: string;
  port: number;
  protocol?: string;
  expect: string;
  snatIP?: string;
  dns?: string;
  http?: { method: string; path: string };
};
function run(policies: string[], flows: Flow[], settings: Record<string, unknown> = {}, invalid = false) {
  const r = evalCase({
    id: "x",
    cluster,
    settings: { enforcementMode: "default", hostFirewall: false, ...settings },
    policies,
    flows: flows.map((f) => ({ protocol: "TCP", ...f })),
  });
  flows.forEach((f, i) => {
    expect({
      flow: `${f.from} -> ${f.to}:${f.port}`,
      verdict: r.results[i]?.verdict,
      reason: r.results[i]?.reason,
    }).toMatchObject({ verdict: f.expect });
    if (f.snatIP) expect(r.results[i]?.snatIP).toBe(f.snatIP);
  });
  if (invalid) expect(r.errors.length).toBeGreaterThan(0);
  return r;
}
const cnp = (name: string, body: string, namespace = "default") =>
  `apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\nspec:\n${body}`;
const ccnp = (name: string, body: string) =>
  `apiVersion: cilium.io/v2\nkind: CiliumClusterwideNetworkPolicy\nmetadata:\n  name: ${name}\nspec:\n${body}`;

describe("enforcement modes and default deny", () => {
  test("never: nothing is enforced", () =>
    run(
      [cnp("d", "  endpointSelector: {}\n  ingress:\n  - {}\n")],
      [{ from: "default/client", to: "default/web", port: 80, expect: "allowed" }],
      { enforcementMode: "never" },
    ));
  test("CNP ingress: [{}] denies all ingress (only the own node gets in)", () =>
    run(
      [cnp("d", "  endpointSelector: {}\n  ingress:\n  - {}\n")],
      [
        { from: "default/client", to: "default/web", port: 80, expect: "dropped" },
        { from: "node:worker1", to: "default/web", port: 80, expect: "allowed" },
        { from: "default/web", to: "default/client", port: 80, expect: "dropped" },
      ],
    ));
  test("enableDefaultDeny.ingress=false: deny rules only", () =>
    run(
      [
        cnp(
          "d",
          "  endpointSelector:\n    matchLabels: {app: web}\n  enableDefaultDeny: {ingress: false}\n  ingressDeny:\n  - fromEndpoints: [{matchLabels: {app: client}}]\n",
        ),
      ],
      [
        { from: "default/client", to: "default/web", port: 80, expect: "dropped" },
        { from: "external:internet", to: "default/web", port: 80, expect: "allowed" },
      ],
    ));
});

describe("entities and CIDR", () => {
  test("remote-node vs host; CIDR rules never match pods or nodes", () =>
    run(
      [
        cnp(
          "e",
          '  endpointSelector:\n    matchLabels: {app: web}\n  ingress:\n  - fromEntities: [remote-node]\n  - fromCIDR: [0.0.0.0/0]\n    toPorts: [{ports: [{port: "443"}]}]\n',
        ),
      ],
      [
        { from: "node:worker2", to: "default/web", port: 80, expect: "allowed" },
        { from: "default/client", to: "default/web", port: 443, expect: "dropped" },
        { from: "external:internet", to: "default/web", port: 443, expect: "allowed" },
        { from: "external:internet", to: "default/web", port: 80, expect: "dropped" },
      ],
    ));
  test("cluster and all", () =>
    run(
      [cnp("e", "  endpointSelector:\n    matchLabels: {app: web}\n  egress:\n  - toEntities: [cluster]\n")],
      [
        { from: "default/web", to: "ops/admin", port: 22, expect: "allowed" },
        { from: "default/web", to: "node:cp1", port: 6443, expect: "allowed" },
        { from: "default/web", to: "external:internet", port: 443, expect: "dropped" },
      ],
    ));
});

describe("clusterwide and namespaces", () => {
  test("CCNP {} peer = every pod, never world or hosts", () =>
    run(
      [ccnp("c", "  endpointSelector:\n    matchLabels: {app: web}\n  ingress:\n  - fromEndpoints: [{}]\n")],
      [
        { from: "ops/tool", to: "default/web", port: 80, expect: "allowed" },
        { from: "external:internet", to: "default/web", port: 80, expect: "dropped" },
        { from: "node:worker2", to: "default/web", port: 80, expect: "dropped" },
      ],
    ));
  test("CNP {} peer = the policy's namespace only", () =>
    run(
      [cnp("c", "  endpointSelector:\n    matchLabels: {app: web}\n  ingress:\n  - fromEndpoints: [{}]\n")],
      [
        { from: "default/client", to: "default/web", port: 80, expect: "allowed" },
        { from: "ops/tool", to: "default/web", port: 80, expect: "dropped" },
      ],
    ));
  test("KNP namespaceSelector {} = all pods in all namespaces", () =>
    run(
      [
        `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: k, namespace: default}\nspec:\n  podSelector: {matchLabels: {app: web}}\n  ingress:\n  - from: [{namespaceSelector: {}}]\n`,
      ],
      [
        { from: "ops/tool", to: "default/web", port: 80, expect: "allowed" },
        { from: "external:internet", to: "default/web", port: 80, expect: "dropped" },
      ],
    ));
});

describe("DNS", () => {
  const dns =
    '  - toEndpoints: [{matchLabels: {"k8s:io.kubernetes.pod.namespace": kube-system, "k8s:k8s-app": kube-dns}}]\n    toPorts: [{ports: [{port: "53", protocol: ANY}], rules: {dns: [{matchPattern: "*"}]}}]\n';
  test("toFQDNs matchPattern", () =>
    run(
      [
        cnp(
          "f",
          `  endpointSelector:\n    matchLabels: {app: client}\n  egress:\n${dns}  - toFQDNs: [{matchPattern: "api.*.io"}]\n`,
        ),
      ],
      [
        { from: "default/client", to: "external:partner", port: 443, dns: "api.partner.io", expect: "allowed" },
        { from: "default/client", to: "external:docs", port: 443, dns: "docs.partner.io", expect: "dropped" },
        {
          from: "default/client",
          to: "kube-system/coredns",
          port: 53,
          protocol: "UDP",
          dns: "anything.example",
          expect: "allowed",
        },
      ],
    ));
  test("toFQDNs without a DNS rule never matches", () =>
    run(
      [
        cnp(
          "f",
          '  endpointSelector:\n    matchLabels: {app: client}\n  egress:\n  - toFQDNs: [{matchName: api.partner.io}]\n  - toEndpoints: [{matchLabels: {"k8s:io.kubernetes.pod.namespace": kube-system}}]\n',
        ),
      ],
      [{ from: "default/client", to: "external:partner", port: 443, dns: "api.partner.io", expect: "dropped" }],
    ));
});

describe("egress gateway", () => {
  const cegp = (spec: string) =>
    `apiVersion: cilium.io/v2\nkind: CiliumEgressGatewayPolicy\nmetadata:\n  name: g\nspec:\n${spec}`;
  test("excludedCIDRs and no gateway node", () => {
    run(
      [
        cegp(
          '  selectors: [{podSelector: {matchLabels: {app: client}}}]\n  destinationCIDRs: [198.51.100.0/24]\n  excludedCIDRs: [198.51.100.8/32]\n  egressGateway:\n    nodeSelector: {matchLabels: {egress-node: "true"}}\n    egressIP: 192.168.10.100\n',
        ),
      ],
      [
        { from: "default/client", to: "external:partner", port: 443, expect: "allowed", snatIP: "192.168.10.100" },
        { from: "default/client", to: "external:docs", port: 443, expect: "allowed", snatIP: "192.168.10.12" },
        { from: "default/client", to: "external:internet", port: 443, expect: "allowed", snatIP: "192.168.10.12" },
      ],
      { egressGateway: true },
    );
    run(
      [
        cegp(
          '  selectors: [{podSelector: {matchLabels: {app: web}}}]\n  destinationCIDRs: [0.0.0.0/0]\n  egressGateway:\n    nodeSelector: {matchLabels: {egress-gw: "true"}}\n',
        ),
      ],
      [
        { from: "default/web", to: "external:internet", port: 443, expect: "dropped" },
        { from: "default/web", to: "default/client", port: 80, expect: "allowed", snatIP: "10.244.1.10" },
      ],
      { egressGateway: true },
    );
  });
  test("namespaceSelector", () =>
    run(
      [
        cegp(
          '  selectors: [{namespaceSelector: {matchLabels: {team: ops}}}]\n  destinationCIDRs: [0.0.0.0/0]\n  egressGateway:\n    nodeSelector: {matchLabels: {egress-node: "true"}}\n',
        ),
      ],
      [
        { from: "ops/tool", to: "external:internet", port: 443, expect: "allowed", snatIP: "192.168.10.12" },
        { from: "default/web", to: "external:internet", port: 443, expect: "allowed", snatIP: "192.168.10.11" },
      ],
      { egressGateway: true },
    ));
});

describe("host firewall", () => {
  test("host egress default deny once a host policy has an egress section", () =>
    run(
      [ccnp("h", "  nodeSelector:\n    matchLabels: {type: worker}\n  egress:\n  - toEntities: [remote-node]\n")],
      [
        { from: "node:worker1", to: "external:internet", port: 443, expect: "dropped" },
        { from: "node:worker1", to: "node:cp1", port: 6443, expect: "allowed" },
        { from: "node:cp1", to: "external:internet", port: 443, expect: "allowed" },
        { from: "node:worker1", to: "default/web", port: 80, expect: "dropped" },
      ],
      { hostFirewall: true },
    ));
  test("HTTP rules in a host policy are invalid", () =>
    run(
      [
        ccnp(
          "h",
          '  nodeSelector: {}\n  ingress:\n  - toPorts: [{ports: [{port: "80", protocol: TCP}], rules: {http: [{method: GET}]}}]\n',
        ),
      ],
      [{ from: "external:internet", to: "node:worker1", port: 22, expect: "allowed" }],
      { hostFirewall: true },
      true,
    ));
});

describe("Cilium validation", () => {
  const bad: [string, string][] = [
    ["port range text", '  endpointSelector: {}\n  ingress:\n  - toPorts: [{ports: [{port: "80-90"}]}]\n'],
    [
      "bad regex",
      '  endpointSelector: {}\n  ingress:\n  - toPorts: [{ports: [{port: "80", protocol: TCP}], rules: {http: [{path: "/v1/("}]}}]\n',
    ],
    [
      "except outside cidr",
      "  endpointSelector: {}\n  egress:\n  - toCIDRSet: [{cidr: 10.0.0.0/24, except: [10.0.1.0/28]}]\n",
    ],
    ["both selectors", "  endpointSelector: {}\n  nodeSelector: {}\n  ingress:\n  - {}\n"],
    [
      "In without values",
      "  endpointSelector:\n    matchExpressions: [{key: app, operator: In}]\n  ingress:\n  - {}\n",
    ],
    [
      "L7 on UDP",
      '  endpointSelector: {}\n  ingress:\n  - toPorts: [{ports: [{port: "80", protocol: UDP}], rules: {http: [{method: GET}]}}]\n',
    ],
    [
      "two peer kinds in one rule",
      "  endpointSelector: {}\n  ingress:\n  - fromEndpoints: [{}]\n    fromEntities: [world]\n",
    ],
  ];
  for (const [name, body] of bad) {
    test(name, () => {
      const r = run(
        [cnp("v", body)],
        [{ from: "default/client", to: "default/web", port: 80, expect: "allowed" }],
        {},
        true,
      );
      expect(r.errors[0]).toBeTruthy();
    });
  }
});
