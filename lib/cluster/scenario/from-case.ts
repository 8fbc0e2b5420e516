/** An acceptance case (lib/cluster/acceptance format) → a Scenario, so the same engine path answers it. */
import * as z from "zod";
import type { Protocol } from "@/lib/engine";
import type { Scenario, ScenarioWorkload } from "./types";

const labels = z.record(z.string(), z.string()).default({});
const caseSchema = z.object({
  id: z.string().default("case"),
  cluster: z.object({
    nodes: z.array(
      z.object({
        name: z.string(),
        labels,
        ip: z.string(),
        interfaces: z.array(z.object({ name: z.string(), ipv4: z.array(z.string()) })).optional(),
        defaultRouteInterface: z.string().optional(),
      }),
    ),
    namespaces: z.array(z.object({ name: z.string(), labels })).default([]),
    pods: z
      .array(
        z.object({
          name: z.string(),
          namespace: z.string(),
          labels,
          node: z.string(),
          ip: z.string(),
          hostNetwork: z.boolean().optional(),
          ports: z
            .array(z.object({ name: z.string().optional(), port: z.number(), protocol: z.string().default("TCP") }))
            .default([]),
        }),
      )
      .default([]),
    external: z
      .array(
        z.object({
          name: z.string(),
          ip: z.string(),
          hostnames: z.array(z.string()).default([]),
          kubeApiserver: z.boolean().default(false),
        }),
      )
      .default([]),
  }),
  settings: z
    .object({
      enforcementMode: z.enum(["default", "always", "never"]).default("default"),
      hostFirewall: z.boolean().default(false),
      egressGateway: z.boolean().default(false),
      policyAuditMode: z.boolean().optional(),
      nodeSelectorLabels: z.boolean().optional(),
      clusterNetworkPolicy: z.boolean().optional(),
      clusterNetworkPolicyCrd: z.boolean().optional(),
      policyCidrMatchMode: z.enum(["", "nodes", "pods", "nodes pods"]).optional(),
    })
    .default({ enforcementMode: "default", hostFirewall: false, egressGateway: false }),
});

export function scenarioFromCase(input: unknown): { ok: true; scenario: Scenario } | { ok: false; error: string } {
  const r = caseSchema.safeParse(input);
  if (!r.success)
    return { ok: false, error: r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
  const c = r.data;
  const nodes = c.cluster.nodes.map((n, i) => ({
    name: n.name,
    ip: n.ip,
    podCIDR: `10.244.${i}.0/24`,
    labels: { "kubernetes.io/hostname": n.name, ...n.labels },
    roles: [],
    interfaces: n.interfaces ?? [{ name: n.defaultRouteInterface ?? "eth0", ipv4: [n.ip] }],
    defaultRouteInterface: n.defaultRouteInterface ?? "eth0",
    listeners: [],
  }));
  const nsNames = new Set([...c.cluster.namespaces.map((n) => n.name), ...c.cluster.pods.map((p) => p.namespace)]);
  const namespaces = [...nsNames].sort().map((name) => ({
    name,
    labels: {
      "kubernetes.io/metadata.name": name,
      ...(c.cluster.namespaces.find((n) => n.name === name)?.labels ?? {}),
    },
  }));
  const workloads: ScenarioWorkload[] = c.cluster.pods.map((p) => ({
    kind: "Pod",
    name: p.name,
    namespace: p.namespace,
    labels: p.labels,
    workloadLabels: p.labels,
    hostNetwork: p.hostNetwork ?? false,
    serviceAccount: "default",
    containers: [
      {
        name: "main",
        image: "registry.k8s.io/e2e-test-images/agnhost:2.52",
        ports: p.ports.map((x) => ({ name: x.name, port: x.port, protocol: x.protocol.toUpperCase() as Protocol })),
      },
    ],
    pods: [{ name: p.name, node: p.node, ip: p.ip }],
  }));
  return {
    ok: true,
    scenario: {
      name: c.id,
      description: "",
      clusterName: "default",
      kubernetesVersion: "v1.34.1",
      ciliumVersion: "1.20.1",
      settings: c.settings,
      nodes,
      namespaces,
      workloads,
      services: [],
      externals: c.cluster.external,
      apps: new Map(),
      manifests: "",
      ageMs: 0,
    },
  };
}
