/** connect(): name resolution, the DNS proxy and toFQDNs, app answers, refusals, and the Hubble log. */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { mulberry32 } from "@/lib/engine/fixtures/prng";
import {
  apply,
  connect,
  createCluster,
  evaluate,
  parseScenario,
  setSettings,
  type ClusterState,
  type FlowEvent,
} from "@/lib/cluster";

function load(name: string): ClusterState {
  const p = parseScenario(name, readFileSync(`content/scenarios/${name}.yaml`, "utf8"));
  if (!p.ok) throw new Error(name);
  let t = Date.UTC(2026, 0, 15, 10, 0, 0);
  return createCluster(p.scenario, { clock: () => (t += 1000), random: mulberry32(3) });
}

const mediabot = { kind: "pod", namespace: "default", name: "mediabot" } as const;
const FQDN_POLICY = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: fqdn
spec:
  endpointSelector:
    matchLabels:
      class: mediabot
  egress:
  - toEndpoints:
    - matchLabels:
        "k8s:io.kubernetes.pod.namespace": kube-system
        "k8s:k8s-app": kube-dns
    toPorts:
    - ports:
      - port: "53"
        protocol: ANY
      rules:
        dns:
        - matchPattern: "*.github.com"
  - toFQDNs:
    - matchName: api.github.com
    toPorts:
    - ports:
      - port: "443"
`;

describe("DNS and toFQDNs", () => {
  test("a name must be resolved through the proxy before its IP is allowed", () => {
    let s = apply(load("starwars-dns"), FQDN_POLICY, { source: "fqdn.yaml" }).state;
    // direct IP: never resolved → dropped
    const direct = connect(s, { from: mediabot, host: "198.51.100.20", port: 443, kind: "tcp", timeoutMs: 2000 });
    expect(direct.result.outcome).toEqual({ status: "timeout", elapsedMs: 2000 });
    s = direct.state;
    // refused by the DNS rule
    const refused = connect(s, { from: mediabot, host: "cilium.io", port: 443, kind: "tcp" });
    expect(refused.result.outcome.status).toBe("dns-refused");
    // resolved through the proxy → allowed, and remembered
    const ok = connect(refused.state, { from: mediabot, host: "api.github.com", port: 443, kind: "tcp" });
    expect(ok.result.outcome.status).toBe("connected");
    s = ok.state;
    expect([...(s.fqdnCache.get("kind-worker") ?? new Map())]).toEqual([["198.51.100.20", ["api.github.com"]]]);
    expect(connect(s, { from: mediabot, host: "198.51.100.20", port: 443, kind: "tcp" }).result.outcome.status).toBe(
      "connected",
    );
    // allowed name, but no toFQDNs selector covers it
    expect(
      connect(s, { from: mediabot, host: "support.github.com", port: 443, kind: "tcp", timeoutMs: 1000 }).result.outcome
        .status,
    ).toBe("timeout");
    const dnsEvents = s.flows
      .filter((f) => f.event.type === "l7")
      .map((f) => (f.event.type === "l7" ? f.event.l7.kind : ""));
    expect(dnsEvents).toContain("dns-response");
    expect(evaluate(s, { from: "default/mediabot", to: "external:api.github.com", port: 443 })).toMatchObject({
      ok: true,
      verdict: { verdict: "allowed" },
    });
  });
  test("nslookup and NXDOMAIN", () => {
    const s = load("starwars");
    const tie = { kind: "pod", namespace: "default", name: "tiefighter" } as const;
    expect(connect(s, { from: tie, host: "deathstar", port: 53, kind: "dns" }).result.outcome).toMatchObject({
      status: "dns-answer",
      name: "deathstar.default.svc.cluster.local",
      answers: ["10.96.120.52"],
      server: "10.96.0.10",
    });
    expect(connect(s, { from: tie, host: "deathstar.default", port: 53, kind: "dns" }).result.outcome.status).toBe(
      "dns-answer",
    );
    expect(
      connect(s, { from: tie, host: "kube-dns.kube-system.svc.cluster.local", port: 53, kind: "dns" }).result.outcome
        .status,
    ).toBe("dns-answer");
    expect(connect(s, { from: tie, host: "death-star", port: 53, kind: "dns" }).result.outcome.status).toBe("nxdomain");
    expect(
      connect(s, { from: { kind: "node", name: "kind-worker" }, host: "deathstar", port: 80, kind: "tcp" }).result
        .outcome.status,
    ).toBe("nxdomain");
  });
});

describe('learned IPs are per agent (layer7.rst "DNS Proxy")', () => {
  // The same DNS + toFQDNs rules for the three pods; mediabot and tiefighter run on kind-worker, xwing on kind-worker2.
  const SHIPS = FQDN_POLICY.replace(
    "    matchLabels:\n      class: mediabot\n",
    "    matchExpressions:\n    - { key: class, operator: In, values: [mediabot, tiefighter, xwing] }\n",
  );
  const pod = (name: string) => ({ kind: "pod", namespace: "default", name }) as const;
  test.each([
    { resolver: "mediabot", client: "tiefighter", status: "connected", why: "same node as the pod that resolved" },
    { resolver: "mediabot", client: "mediabot", status: "connected", why: "the pod that resolved" },
    { resolver: "mediabot", client: "xwing", status: "timeout", why: "its agent never saw the answer" },
    { resolver: "xwing", client: "xwing", status: "connected", why: "resolved on its own node" },
    { resolver: "xwing", client: "tiefighter", status: "timeout", why: "kind-worker's agent never saw the answer" },
  ])(
    "$resolver resolves api.github.com; $client connects to its IP: $status ($why)",
    ({ resolver, client, status }) => {
      let s = apply(load("starwars-dns"), SHIPS, { source: "ships.yaml" }).state;
      s = connect(s, { from: pod(resolver), host: "api.github.com", port: 443, kind: "tcp" }).state;
      const r = connect(s, { from: pod(client), host: "198.51.100.20", port: 443, kind: "tcp", timeoutMs: 1000 });
      expect(r.result.outcome.status).toBe(status);
      const v = evaluate(s, { from: `default/${client}`, to: "external:api.github.com", port: 443 });
      expect(v).toMatchObject({ ok: true, verdict: { verdict: status === "connected" ? "allowed" : "dropped" } });
      if (status === "timeout" && v.ok) {
        const node = client === "xwing" ? "kind-worker2" : "kind-worker";
        expect(v.verdict.reason).toContain(`no DNS answer for api.github.com was seen by the agent on node ${node}`);
      }
    },
  );
});

describe("policy-deny-response=icmp", () => {
  const XWING_EGRESS = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: xwing-egress
spec:
  endpointSelector:
    matchLabels:
      class: xwing
  egress:
  - toEndpoints:
    - matchLabels:
        class: deathstar
`;
  const xwing = { kind: "pod", namespace: "default", name: "xwing" } as const;
  const lab = (icmp: boolean, audit = false): ClusterState => {
    let s = apply(load("starwars"), readFileSync("lib/engine/fixtures/sw_l3_l4_l7_policy.yaml", "utf8"), {
      source: "p.yaml",
    }).state;
    s = apply(s, XWING_EGRESS, { source: "x.yaml" }).state;
    return setSettings(s, { policyDenyResponse: icmp ? "icmp" : "none", policyAuditMode: audit }).state;
  };
  test.each([
    { icmp: true, to: "10.244.1.197", kind: "tcp", status: "unreachable", why: "egress denied: ICMP at once" },
    { icmp: true, to: "10.244.1.197", kind: "icmp", status: "unreachable", why: "ping denied on egress" },
    { icmp: false, to: "10.244.1.197", kind: "tcp", status: "timeout", why: "off: a silent drop" },
    { icmp: true, to: "10.244.1.238", kind: "tcp", status: "timeout", why: "ingress drop at the deathstar: silent" },
  ] as const)("$kind to $to, icmp=$icmp: $status ($why)", ({ icmp, to, kind, status }) => {
    const s = lab(icmp);
    const r = connect(s, { from: xwing, host: to, port: 80, kind, timeoutMs: 3000 });
    expect(r.result.outcome.status).toBe(status);
    if (status === "unreachable") {
      expect(r.result.outcome).toMatchObject({ from: to, elapsedMs: 0 });
      // Hubble shows the drop as before, once: no retransmissions follow an ICMP error.
      expect(r.state.flows.filter((f) => f.verdict === "DROPPED" && f.event.type === "drop")).toHaveLength(1);
    }
  });
  test("audit mode forwards the flow, so nothing is answered with ICMP", () => {
    const r = connect(lab(true, true), { from: xwing, host: "10.244.1.197", port: 80, kind: "tcp" });
    expect(r.result.outcome.status).not.toBe("unreachable");
  });
});

describe("answers and the flow log", () => {
  test("refused ports, ping, node clients, journaled", () => {
    let s = load("starwars");
    const tie = { kind: "pod", namespace: "default", name: "tiefighter" } as const;
    expect(connect(s, { from: tie, host: "10.244.2.34", port: 80, kind: "tcp" }).result.outcome.status).toBe("refused");
    expect(connect(s, { from: tie, host: "10.244.2.34", port: 0, kind: "icmp" }).result.outcome.status).toBe(
      "icmp-reply",
    );
    const node = connect(s, {
      from: { kind: "node", name: "kind-worker" },
      host: "10.96.120.52",
      port: 80,
      kind: "http",
      http: { method: "GET", path: "/v1/" },
    });
    expect(node.result.outcome.status === "http" && node.result.outcome.response.body).toMatch(
      /"name": "Death Star",\n\t"hostname": "deathstar-86f85ffb4d-/,
    );
    s = node.state;
    expect(s.journal.at(-1)?.op).toBe("connect");
  });
  test("dropped SYNs repeat within the timeout and carry policy-verdict events", () => {
    let s = apply(load("starwars"), readFileSync("lib/engine/fixtures/sw_l3_l4_l7_policy.yaml", "utf8"), {
      source: "p.yaml",
    }).state;
    s = connect(s, {
      from: { kind: "pod", namespace: "default", name: "xwing" },
      host: "deathstar",
      port: 80,
      kind: "http",
      http: { method: "POST", path: "/v1/request-landing" },
      timeoutMs: 5000,
    }).state;
    const drops = s.flows.filter((f: FlowEvent) => f.verdict === "DROPPED");
    expect(drops.filter((f) => f.event.type === "drop").length).toBe(3);
    const pv = drops.find((f) => f.event.type === "policy-verdict");
    expect(pv?.event).toEqual({ type: "policy-verdict", matchType: "none", direction: "INGRESS", allowed: false });
    expect(pv?.source).toMatchObject({ pod: "xwing", identity: 1071, namespace: "default" });
    expect(pv?.destination).toMatchObject({ identity: 4916, port: 80, service: "default/deathstar" });
    // A default-deny drop matched no rule: Hubble's correlation names no policy (ingress_denied_by stays empty;
    // attribution of default denies is cilium/cilium#48588, not in 1.20). The lab's explanation still names rule1.
    expect(pv?.policies).toEqual([]);
  });
});

describe("DNS lookups in the flow log", () => {
  const kind = (f: FlowEvent): string =>
    f.event.type === "trace"
      ? f.event.observationPoint
      : f.event.type === "l7"
        ? f.event.l7.kind
        : f.event.type === "drop"
          ? f.event.dropReason
          : `policy-verdict:${f.event.direction}`;
  const dnsFlows = (s: ClusterState): FlowEvent[] =>
    s.flows.filter((f) => f.destination.port === 53 || f.source.port === 53);
  test("a lookup without a DNS rule is traced at L4 (UDP/53 both ways), with no L7 record", () => {
    const s = connect(load("starwars"), {
      from: { kind: "pod", namespace: "default", name: "xwing" },
      host: "deathstar",
      port: 80,
      kind: "http",
      http: { method: "GET", path: "/v1/" },
    }).state;
    const dns = dnsFlows(s);
    expect(dns.map((f) => [kind(f), f.verdict, f.l4.protocol, f.isReply])).toEqual([
      ["to-endpoint", "FORWARDED", "UDP", false],
      ["to-endpoint", "FORWARDED", "UDP", true],
    ]);
    expect(dns[0]?.destination).toMatchObject({ namespace: "kube-system", service: "kube-system/kube-dns", port: 53 });
    // the connection itself comes after the answer
    const http = s.flows.filter((f) => f.destination.port === 80);
    expect((http[0]?.time ?? 0) >= (dns[1]?.time ?? Infinity)).toBe(true);
  });
  test("egress default-deny without a DNS allowance drops the lookup, visibly", () => {
    const deny = `apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n  name: xwing-egress\nspec:\n  endpointSelector:\n    matchLabels:\n      class: xwing\n  egress:\n  - toEndpoints:\n    - matchLabels:\n        class: deathstar\n`;
    let s = apply(load("starwars"), deny, { source: "d.yaml" }).state;
    const r = connect(s, {
      from: { kind: "pod", namespace: "default", name: "xwing" },
      host: "deathstar",
      port: 80,
      kind: "http",
      http: { method: "GET", path: "/v1/" },
      timeoutMs: 2000,
    });
    expect(r.result.outcome.status).toBe("dns-timeout");
    s = r.state;
    const dropped = dnsFlows(s).filter((f) => f.verdict === "DROPPED");
    expect(dropped.map((f) => [kind(f), f.l4.protocol])).toEqual([
      ["policy-verdict:EGRESS", "UDP"],
      ["Policy denied", "UDP"],
      ["policy-verdict:EGRESS", "UDP"],
      ["Policy denied", "UDP"],
    ]);
    expect(dropped[1]?.policies).toEqual([]); // default deny: Hubble cannot attribute it
  });
  test("with a DNS rule the query goes through the proxy: to-proxy plus dns-request / dns-response", () => {
    const s = connect(apply(load("starwars-dns"), FQDN_POLICY, { source: "p.yaml" }).state, {
      from: mediabot,
      host: "api.github.com",
      port: 443,
      kind: "tcp",
    }).state;
    expect(dnsFlows(s).map(kind)).toEqual([
      "policy-verdict:EGRESS",
      "to-proxy",
      "dns-request",
      "to-endpoint",
      "dns-response",
      "to-endpoint",
    ]);
  });
});
