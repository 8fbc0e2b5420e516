/** Every scenario file parses, and the roster's facts hold (content/scenarios/ROSTER.md). */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { mulberry32 } from "@/lib/engine/fixtures/prng";
import {
  apply,
  connect,
  createCluster,
  evaluate,
  label,
  listObjects,
  parseScenario,
  setSettings,
  type ClusterState,
} from "@/lib/cluster";

const DIR = "content/scenarios";
const files = readdirSync(DIR)
  .filter((f) => f.endsWith(".yaml"))
  .sort();

function load(name: string): ClusterState {
  const p = parseScenario(name, readFileSync(`${DIR}/${name}.yaml`, "utf8"));
  if (!p.ok) throw new Error(p.diagnostics.map((d) => d.message).join("\n"));
  return createCluster(p.scenario, { clock: () => Date.UTC(2026, 0, 15, 10, 0, 0), random: mulberry32(42) });
}

describe("scenario files", () => {
  test("the five roster scenarios exist", () => {
    expect(files).toEqual(
      expect.arrayContaining([
        "starwars.yaml",
        "starwars-dns.yaml",
        "three-tier.yaml",
        "host-firewall.yaml",
        "egress-gateway.yaml",
      ]),
    );
  });
  for (const f of files) {
    test(`${f} parses, builds and is named after its file`, () => {
      const name = f.replace(/\.yaml$/, "");
      const p = parseScenario(name, readFileSync(`${DIR}/${f}`, "utf8"));
      expect(p.ok ? [] : p.diagnostics).toEqual([]);
      if (p.ok) expect(p.scenario.name).toBe(name);
      const s = load(name);
      expect(listObjects(s, "pods", { allNamespaces: true }).ok).toBe(true);
    });
  }
  test("ROSTER.md's lesson lists match the lessons' frontmatter", () => {
    const used = new Map<string, number[]>();
    for (const dir of readdirSync("content/lessons", { withFileTypes: true }).filter((d) => d.isDirectory())) {
      const m = /^scenario:\s*(\S+)/m.exec(readFileSync(`content/lessons/${dir.name}/index.mdx`, "utf8"));
      const n = Number(/^(\d+)-/.exec(dir.name)?.[1]);
      if (m?.[1])
        used.set(
          m[1],
          [...(used.get(m[1]) ?? []), n].sort((a, b) => a - b),
        );
    }
    const roster = readFileSync(`${DIR}/ROSTER.md`, "utf8");
    for (const [scenario, lessons] of used) {
      const heading = new RegExp(`^## ${scenario} \\(lessons? (\\d+(?:, \\d+)*)`, "m").exec(roster);
      expect(
        heading?.[1]?.split(",").map((x) => Number(x.trim())),
        scenario,
      ).toEqual(lessons);
    }
  });
  test("Cilium's cluster name defaults to default (one source: cluster.name)", () => {
    const p = parseScenario("mini", "name: mini\nnodes:\n  - { name: n1, ip: 172.18.0.2, podCIDR: 10.244.0.0/24 }\n");
    expect(p.ok && p.scenario.clusterName).toBe("default");
    for (const f of files) expect(load(f.replace(/\.yaml$/, "")).scenario.clusterName, f).toBe("default");
  });
  test("parse errors name the field", () => {
    const p = parseScenario("x", "name: x\nnodes: []\nbogus: 1\n");
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.diagnostics.map((d) => d.message).join("\n")).toMatch(/scenario x: .*(bogus|nodes)/);
  });
});

describe("starwars", () => {
  const s = load("starwars");
  test("kubectl get cep -A matches the seed listing", () => {
    const r = listObjects(s, "cep", { allNamespaces: true });
    if (!r.ok) throw new Error(r.diagnostic.message);
    const rows = r.value.map((o) => {
      const st = o.status as {
        identity: { id: number };
        state: string;
        networking: { addressing: { ipv4: string }[] };
      };
      return `${o.metadata.namespace} ${o.metadata.name} ${st.identity.id} ${st.state} ${st.networking.addressing[0]?.ipv4}`;
    });
    expect(rows).toEqual([
      "default deathstar-86f85ffb4d-7d86t 4916 ready 10.244.1.238",
      "default deathstar-86f85ffb4d-dxp9z 4916 ready 10.244.2.32",
      "default tiefighter 48742 ready 10.244.1.197",
      "default xwing 1071 ready 10.244.2.34",
      "kube-system coredns-674b8bbfcf-4wzs9 25125 ready 10.244.0.131",
      "kube-system coredns-674b8bbfcf-cbk2f 25125 ready 10.244.0.135",
      "local-path-storage local-path-provisioner-7dc846544d-rp98n 3532 ready 10.244.0.216",
    ]);
  });
  test("the demo's API answers, then the L7 policy denies the exhaust port", () => {
    const tie = { kind: "pod", namespace: "default", name: "tiefighter" } as const;
    const land = connect(s, {
      from: tie,
      host: "deathstar.default.svc.cluster.local",
      port: 80,
      kind: "http",
      http: { method: "POST", path: "/v1/request-landing" },
    });
    expect(land.result.outcome).toMatchObject({ status: "http", response: { body: "Ship landed\n" } });
    const boom = connect(land.state, {
      from: tie,
      host: "deathstar",
      port: 80,
      kind: "http",
      http: { method: "PUT", path: "/v1/exhaust-port" },
    });
    expect(
      boom.result.outcome.status === "http" &&
        boom.result.outcome.response.body.startsWith("Panic: deathstar exploded"),
    ).toBe(true);
    const l7 = apply(boom.state, readFileSync("lib/engine/fixtures/sw_l3_l4_l7_policy.yaml", "utf8"), {
      source: "sw_l3_l4_l7_policy.yaml",
    });
    expect(l7.outcomes.map((o) => o.line)).toEqual(["ciliumnetworkpolicy.cilium.io/rule1 created"]);
    const denied = connect(l7.state, {
      from: tie,
      host: "deathstar",
      port: 80,
      kind: "http",
      http: { method: "PUT", path: "/v1/exhaust-port" },
    });
    expect(denied.result.outcome).toMatchObject({
      status: "http",
      deniedByProxy: true,
      response: { status: 403, body: "Access denied\r\n" },
    });
    const xwing = connect(l7.state, {
      from: { kind: "pod", namespace: "default", name: "xwing" },
      host: "deathstar",
      port: 80,
      kind: "http",
      http: { method: "POST", path: "/v1/request-landing" },
      timeoutMs: 5000,
    });
    expect(xwing.result.outcome).toEqual({ status: "timeout", elapsedMs: 5000 });
    const v = evaluate(l7.state, { from: "default/xwing", to: "default/deathstar-86f85ffb4d-7d86t", port: 80 });
    expect(v.ok && v.verdict.reason).toBe(
      "dropped: ingress default-deny on default/deathstar-86f85ffb4d-7d86t since CiliumNetworkPolicy default/rule1 selects it (policy enforcement mode default); no rule allows identity 1071 (k8s:class=xwing,k8s:org=alliance) on TCP/80; nearest rule CiliumNetworkPolicy default/rule1 ingress[0] allows endpoints {any:org in (empire),k8s:io.kubernetes.pod.namespace in (default)} on TCP/80, but the peer fails any:org in (empire)",
    );
  });
});

describe("other scenarios", () => {
  test("three-tier: services and apps answer", () => {
    const s = load("three-tier");
    const r = connect(s, {
      from: { kind: "pod", namespace: "shop", name: "frontend-7f9c8d6b5a-h2k9x" },
      host: "backend",
      port: 8080,
      kind: "http",
      http: { method: "GET", path: "/api/products" },
    });
    expect(r.result.outcome).toMatchObject({ status: "http", response: { status: 200 } });
    const db = connect(s, {
      from: { kind: "pod", namespace: "tools", name: "debug" },
      host: "db.shop",
      port: 5432,
      kind: "tcp",
    });
    expect(db.result.outcome.status).toBe("connected");
  });
  test("starwars-dns: external names resolve", () => {
    const s = load("starwars-dns");
    const r = connect(s, {
      from: { kind: "pod", namespace: "default", name: "mediabot" },
      host: "api.github.com",
      port: 443,
      kind: "tcp",
    });
    expect(r.result.resolved?.ip).toBe("198.51.100.20");
    expect(r.result.outcome.status).toBe("connected");
  });
  test("host-firewall: hosts are open until the host firewall and a host policy apply", () => {
    let s = load("host-firewall");
    const ssh = { from: "external:internet-client", to: "node:kind-worker", port: 22 };
    const kubelet = { from: "external:internet-client", to: "node:kind-worker", port: 10250 };
    expect(evaluate(s, kubelet)).toMatchObject({ ok: true, verdict: { verdict: "allowed" } });
    s = apply(
      s,
      'apiVersion: cilium.io/v2\nkind: CiliumClusterwideNetworkPolicy\nmetadata:\n  name: ssh-only\nspec:\n  nodeSelector:\n    matchLabels:\n      node-access: ssh\n  ingress:\n  - fromEntities: [cluster]\n  - toPorts:\n    - ports:\n      - port: "22"\n        protocol: TCP\n',
      { source: "host.yaml" },
    ).state;
    s = label(s, { type: "node", names: ["kind-worker"], labels: ["node-access=ssh"], overwrite: false }).state;
    expect(evaluate(s, kubelet)).toMatchObject({ ok: true, verdict: { verdict: "allowed" } });
    s = setSettings(s, { hostFirewall: true }).state;
    expect(evaluate(s, kubelet)).toMatchObject({ ok: true, verdict: { verdict: "dropped" } });
    expect(evaluate(s, ssh)).toMatchObject({ ok: true, verdict: { verdict: "allowed" } });
    expect(evaluate(s, { from: "monitoring/node-exporter-m4xkt", to: "node:kind-worker", port: 10250 })).toMatchObject({
      ok: true,
      verdict: { verdict: "allowed" },
    });
  });
  test("egress-gateway: masquerade, then the gateway's net1 address, and a drop without gateway", () => {
    let s = load("egress-gateway");
    const out = () =>
      connect(s, {
        from: { kind: "pod", namespace: "default", name: "tiefighter" },
        host: "outpost",
        port: 80,
        kind: "http",
        http: { method: "GET", path: "/" },
      });
    expect(out().result.outcome).toMatchObject({
      response: { body: "Welcome to the outpost. You came from 172.18.0.3.\n" },
    });
    s = apply(s, readFileSync("lib/engine/fixtures/remote-outpost.yaml", "utf8"), { source: "egw.yaml" }).state;
    expect(out().result.outcome).toEqual({ status: "timeout", elapsedMs: 5000 });
    s = label(s, { type: "no", names: ["kind-worker2"], labels: ["egress-gw=true"], overwrite: false }).state;
    expect(out().result.outcome).toMatchObject({
      response: { body: "Welcome to the outpost. You came from 10.0.4.12.\n" },
    });
    expect(evaluate(s, { from: "default/xwing", to: "external:outpost", port: 80 })).toMatchObject({
      ok: true,
      verdict: { snatIP: "172.18.0.4" },
    });
  });
});
