/** zod schema of a scenario file (content/scenarios/README.md). */
import * as z from "zod";

const labels = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String));
const proto = z.enum(["TCP", "UDP", "SCTP"]).default("TCP");
const port = z.number().int().min(1).max(65535);

const route = z
  .object({
    method: z.string().default("GET"),
    path: z.string(),
    status: z.number().int().default(200),
    body: z.string().default(""),
    headers: z.record(z.string(), z.string()).default({}),
  })
  .strict();

export const appSchema = z
  .object({
    ports: z.array(z.object({ port, protocol: proto, tls: z.boolean().optional() }).strict()).min(1),
    http: z.boolean().default(true),
    routes: z.array(route).default([]),
    notFound: z
      .object({ status: z.number().int(), body: z.string() })
      .strict()
      .default({ status: 404, body: "404 page not found\n" }),
    latencyMs: z.number().int().min(0).default(2),
  })
  .strict();

const iface = z.object({ name: z.string(), ipv4: z.array(z.string()) }).strict();
const listener = z.object({ name: z.string(), port, protocol: proto, app: z.string().optional() }).strict();

const node = z
  .object({
    name: z.string(),
    ip: z.string(),
    podCIDR: z.string(),
    labels: labels.default({}),
    roles: z.array(z.string()).default([]),
    interfaces: z.array(iface).optional(),
    defaultRouteInterface: z.string().default("eth0"),
    listeners: z.array(listener).default([]),
  })
  .strict();

const container = z
  .object({
    name: z.string(),
    image: z.string(),
    ports: z
      .array(z.object({ name: z.string().optional(), containerPort: port, protocol: proto }).strict())
      .default([]),
  })
  .strict();

const workload = z
  .object({
    kind: z.enum(["Deployment", "StatefulSet", "DaemonSet", "Pod"]),
    name: z.string(),
    namespace: z.string().default("default"),
    labels: labels.default({}),
    workloadLabels: labels.optional(),
    containers: z.array(container).min(1),
    pods: z.array(z.object({ name: z.string(), node: z.string(), ip: z.string().optional() }).strict()).min(1),
    templateHash: z.string().optional(),
    hostNetwork: z.boolean().default(false),
    serviceAccount: z.string().default("default"),
    app: z.string().optional(),
    identity: z.number().int().min(256).max(65535).optional(),
  })
  .strict();

const service = z
  .object({
    name: z.string(),
    namespace: z.string().default("default"),
    clusterIP: z.string(),
    selector: labels.optional(),
    labels: labels.default({}),
    ports: z
      .array(
        z
          .object({
            name: z.string().optional(),
            port,
            targetPort: z.union([z.number().int(), z.string()]).optional(),
            protocol: proto,
          })
          .strict(),
      )
      .min(1),
    endpoints: z.array(z.object({ ip: z.string(), port }).strict()).optional(),
  })
  .strict();

const external = z
  .object({
    name: z.string(),
    ip: z.string(),
    hostnames: z.array(z.string()).default([]),
    kubeApiserver: z.boolean().default(false),
    app: z.string().optional(),
  })
  .strict();

export const scenarioSchema = z
  .object({
    name: z.string(),
    description: z.string().default(""),
    cluster: z
      .object({
        name: z.string().default("default"),
        kubernetesVersion: z.string().default("v1.34.1"),
        ciliumVersion: z.string().default("1.20.1"),
        ageMinutes: z.number().min(0).default(60),
      })
      .strict()
      .default({ name: "default", kubernetesVersion: "v1.34.1", ciliumVersion: "1.20.1", ageMinutes: 60 }),
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
      .strict()
      .default({ enforcementMode: "default", hostFirewall: false, egressGateway: false }),
    nodes: z.array(node).min(1),
    namespaces: z.array(z.object({ name: z.string(), labels: labels.default({}) }).strict()).default([]),
    workloads: z.array(workload).default([]),
    services: z.array(service).default([]),
    external: z.array(external).default([]),
    apps: z.record(z.string(), appSchema).default({}),
    manifests: z.string().default(""),
  })
  .strict();

export type ScenarioInput = z.input<typeof scenarioSchema>;
