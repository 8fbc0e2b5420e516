/** parseScenario(): YAML text → Scenario, or diagnostics naming the file and field. */
import { formatIPv4, parseIPv4, parsePrefix, type Protocol } from "@/lib/engine";
import { parse } from "yaml";
import type { Diagnostic } from "../types";
import { scenarioSchema } from "./schema";
import type { AppSpec, Scenario, ScenarioNode, ScenarioWorkload } from "./types";

function nodeLabels(name: string, extra: Record<string, string>, roles: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {
    "beta.kubernetes.io/arch": "amd64",
    "beta.kubernetes.io/os": "linux",
    "kubernetes.io/arch": "amd64",
    "kubernetes.io/hostname": name,
    "kubernetes.io/os": "linux",
  };
  for (const r of roles) out[`node-role.kubernetes.io/${r}`] = "";
  return { ...out, ...extra };
}

/** Next free address in a node's pod CIDR, starting at .10. */
function allocator(nodes: readonly ScenarioNode[]): (node: string, used: Set<string>) => string {
  return (node, used) => {
    const n = nodes.find((x) => x.name === node);
    const p = n ? parsePrefix(n.podCIDR) : undefined;
    const base = p && p.ok ? p.prefix.base : (parseIPv4("10.244.0.0") as number);
    for (let i = 10; i < 250; i++) {
      const ip = formatIPv4(base + i);
      if (!used.has(ip)) {
        used.add(ip);
        return ip;
      }
    }
    return formatIPv4(base + 254);
  };
}

export function parseScenario(
  name: string,
  yamlText: string,
): { ok: true; scenario: Scenario } | { ok: false; diagnostics: Diagnostic[] } {
  const fail = (message: string): { ok: false; diagnostics: Diagnostic[] } => ({
    ok: false,
    diagnostics: [{ severity: "error", code: "bad-request", message }],
  });
  let raw: unknown;
  try {
    raw = parse(yamlText, { version: "1.1", maxAliasCount: 1000 });
  } catch (e) {
    return fail(`scenario ${name}: ${(e as Error).message}`);
  }
  const r = scenarioSchema.safeParse(raw);
  if (!r.success) {
    return {
      ok: false,
      diagnostics: r.error.issues.map((i) => ({
        severity: "error",
        code: "bad-request",
        message: `scenario ${name}: ${i.path.join(".") || "(root)"}: ${i.message}`,
      })),
    };
  }
  const s = r.data;
  const nodes: ScenarioNode[] = s.nodes.map((n) => ({
    name: n.name,
    ip: n.ip,
    podCIDR: n.podCIDR,
    roles: n.roles,
    labels: nodeLabels(n.name, n.labels, n.roles),
    interfaces: n.interfaces ?? [{ name: n.defaultRouteInterface, ipv4: [n.ip] }],
    defaultRouteInterface: n.defaultRouteInterface,
    listeners: n.listeners,
  }));
  const used = new Set<string>(s.workloads.flatMap((w) => w.pods.flatMap((p) => (p.ip ? [p.ip] : []))));
  const alloc = allocator(nodes);
  const workloads: ScenarioWorkload[] = s.workloads.map((w) => ({
    kind: w.kind,
    name: w.name,
    namespace: w.namespace,
    labels: w.labels,
    workloadLabels: w.workloadLabels ?? w.labels,
    containers: w.containers.map((c) => ({
      name: c.name,
      image: c.image,
      ports: c.ports.map((p) => ({ name: p.name, port: p.containerPort, protocol: p.protocol as Protocol })),
    })),
    pods: w.pods.map((p) => ({
      name: p.name,
      node: p.node,
      ip: w.hostNetwork ? (nodes.find((n) => n.name === p.node)?.ip ?? "") : (p.ip ?? alloc(p.node, used)),
    })),
    templateHash: w.templateHash,
    hostNetwork: w.hostNetwork,
    serviceAccount: w.serviceAccount,
    app: w.app,
    identity: w.identity,
  }));
  const nsNames = new Set([
    "default",
    "kube-system",
    "kube-public",
    "kube-node-lease",
    ...s.namespaces.map((n) => n.name),
    ...workloads.map((w) => w.namespace),
  ]);
  const namespaces = [...nsNames].sort().map((n) => ({
    name: n,
    labels: { ...(s.namespaces.find((x) => x.name === n)?.labels ?? {}), "kubernetes.io/metadata.name": n },
  }));
  const apps = new Map<string, AppSpec>();
  for (const [k, a] of Object.entries(s.apps)) {
    apps.set(k, {
      name: k,
      ports: a.ports.map((p) => ({ port: p.port, protocol: p.protocol as Protocol, tls: p.tls })),
      http: a.http,
      routes: a.routes,
      notFound: a.notFound,
      latencyMs: a.latencyMs,
    });
  }
  for (const w of workloads) {
    if (w.app && !apps.has(w.app))
      return fail(`scenario ${name}: workloads ${w.namespace}/${w.name}: unknown app ${JSON.stringify(w.app)}`);
    for (const p of w.pods)
      if (!nodes.some((n) => n.name === p.node))
        return fail(`scenario ${name}: workloads ${w.namespace}/${w.name}: pod ${p.name} on unknown node ${p.node}`);
  }
  return {
    ok: true,
    scenario: {
      name: s.name,
      description: s.description,
      clusterName: s.cluster.name,
      kubernetesVersion: s.cluster.kubernetesVersion,
      ciliumVersion: s.cluster.ciliumVersion,
      settings: s.settings,
      nodes,
      namespaces,
      workloads,
      services: s.services.map((v) => ({
        ...v,
        ports: v.ports.map((p) => ({ ...p, protocol: p.protocol as Protocol, targetPort: p.targetPort ?? p.port })),
      })),
      externals: s.external,
      apps,
      manifests: s.manifests,
      ageMs: Math.round(s.cluster.ageMinutes * 60_000),
    },
  };
}
