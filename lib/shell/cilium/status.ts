/**
 * `cilium-dbg status` (pkg/client FormatStatusResponse, tabwriter minwidth 2 padding 3) and the cilium-cli
 * `cilium status` summary (cilium-cli status.go Format, tabwriter padding 4), with colours on a TTY.
 */
import { CILIUM_VERSION, KUBERNETES_VERSION } from "../kubectl/constants";
import { arr, num, str } from "../kubectl/access";
import { byPlural, RESOURCES } from "../kubectl/resources";
import { rfc3339 } from "../printers/duration";
import { tabwrite } from "../printers/tabwriter";
import type { Ctx } from "../types";
import { ciliumConfig, ciliumEndpoints, getSettings, policyRepository } from "@/lib/cluster";
import { objects } from "../cluster/ops";

export { CILIUM_VERSION };

const count = (ctx: Ctx, plural: string): number =>
  objects(
    ctx.state.cluster,
    RESOURCES.find((r) => r.plural === plural)!,
  ).length;

/** The agent's status report, as the agent on `node` sees it. */
export function agentStatus(ctx: Ctx, node: string): string {
  const s = getSettings(ctx.state.cluster);
  const nodes = count(ctx, "nodes");
  const endpoints = ciliumEndpoints(ctx.state.cluster, node).length;
  const nodeObj = objects(ctx.state.cluster, byPlural("nodes")).find((n) => n.metadata.name === node);
  const nodeIP =
    str(arr(nodeObj, "status.addresses").find((a) => str(a, "type") === "InternalIP") ?? null, "address") ||
    "172.18.0.2";
  const podCIDR = str(nodeObj, "spec.podCIDR") || "10.244.0.0/24";
  const l7 = policyRepository(ctx.state.cluster).rules.filter((r) => JSON.stringify(r).includes('"rules"')).length;
  const rows: [string, string][] = [
    ["KVStore:", "Ok\tDisabled"],
    ["Kubernetes:", `Ok\t${KUBERNETES_VERSION.replace(/^v(\d+\.\d+).*/, "$1")} (${KUBERNETES_VERSION}) [linux/amd64]`],
    [
      "Kubernetes APIs:",
      '["EndpointSliceOrEndpoint", "cilium/v2::CiliumClusterwideNetworkPolicy", "cilium/v2::CiliumEndpoint", "cilium/v2::CiliumNetworkPolicy", "cilium/v2::CiliumNode", "cilium/v2alpha1::CiliumCIDRGroup", "core/v1::Namespace", "core/v1::Pods", "core/v1::Service", "networking.k8s.io/v1::NetworkPolicy"]',
    ],
    ["KubeProxyReplacement:", `True\t[eth0    ${nodeIP} (Direct Routing)]`],
    ["Host firewall:", s.hostFirewall ? "Enabled\t[eth0]" : "Disabled"],
    ["SRv6:", "Disabled"],
    ["CNI Chaining:", "none"],
    ["CNI Config file:", "successfully wrote CNI configuration file to /host/etc/cni/net.d/05-cilium.conflist"],
    ["Cilium:", `Ok\t${CILIUM_VERSION} (v${CILIUM_VERSION}-a8c1f1e8)`],
    ["NodeMonitor:", "Listening for events on 8 CPUs with 64x4096 of shared memory"],
    ["Cilium health daemon:", "Ok"],
    ["IPAM:", `IPv4: ${endpoints + 1}/254 allocated from ${podCIDR},`],
    ["IPv4 BIG TCP:", "Disabled"],
    ["IPv6 BIG TCP:", "Disabled"],
    ["BandwidthManager:", "Disabled"],
    ["Routing:", "Network: Tunnel [vxlan]\tHost: Legacy"],
    ["Attach Mode:", "TCX"],
    ["Device Mode:", "veth"],
    // BPF masquerading (egress gateway installs) names the devices and the native-routing CIDR.
    [
      "Masquerading:",
      ciliumConfig(ctx.state.cluster)["enable-bpf-masquerade"] === "true"
        ? "BPF\t[eth0]\t10.244.0.0/16 [IPv4: Enabled, IPv6: Disabled]"
        : "IPTables [IPv4: Enabled, IPv6: Disabled]",
    ],
    ["Controller Status:", `${40 + endpoints}/${40 + endpoints} healthy`],
    [
      "Proxy Status:",
      `OK, ip ${podCIDR.replace(/\.0\/24$/, ".91")}, ${l7} redirects active on ports 10000-20000, Envoy: external`,
    ],
    ["Global Identity Range:", "min 256, max 65535"],
    [
      "Hubble:",
      `Ok\tCurrent/Max Flows: ${Math.min(4095, ctx.state.cluster.flows.length)}/4095 (${((Math.min(4095, ctx.state.cluster.flows.length) / 4095) * 100).toFixed(2)}%), Flows/s: 1.21\tMetrics: Disabled`,
    ],
    ["Encryption:", "Disabled"],
    ["Cluster health:", `${nodes}/${nodes} reachable\t(${rfc3339(ctx.now)})`],
    ["Modules Health:", `Stopped(0) Degraded(0) OK(${60 + nodes})`],
  ];
  return tabwrite(rows.map(([k, v]) => `${k}\t${v}\n`).join(""), { minwidth: 2, padding: 3 });
}

const GREEN = "\x1b[32m";
const RESET = "\x1b[0m";

/** Cilium's own workloads as cilium-cli looks for them in kube-system, with the image digests it prints. */
const COMPONENTS: readonly {
  readonly kind: "DaemonSet" | "Deployment";
  readonly name: string;
  readonly image: string;
}[] = [
  { kind: "DaemonSet", name: "cilium", image: `quay.io/cilium/cilium:v${CILIUM_VERSION}@sha256:7e1a5c0b` },
  {
    kind: "DaemonSet",
    name: "cilium-envoy",
    image: "quay.io/cilium/cilium-envoy:v1.34.10-1762597008-ff7ae7d623be00078865cff1b0672cc5d9bfc6d5@sha256:1deb6709",
  },
  {
    kind: "Deployment",
    name: "cilium-operator",
    image: `quay.io/cilium/operator-generic:v${CILIUM_VERSION}@sha256:3c31583e`,
  },
  { kind: "Deployment", name: "hubble-relay", image: `quay.io/cilium/hubble-relay:v${CILIUM_VERSION}@sha256:9f5e2f1a` },
];

interface Found {
  readonly name: string;
  readonly kind: string;
  readonly image: string;
  readonly desired: number;
  readonly ready: number;
  readonly available: number;
}

/** The components that exist in the cluster, with the counts their status reports (what `kubectl get` shows). */
function components(ctx: Ctx): Found[] {
  const out: Found[] = [];
  for (const c of COMPONENTS) {
    const obj = objects(ctx.state.cluster, byPlural(c.kind === "DaemonSet" ? "daemonsets" : "deployments")).find(
      (o) => o.metadata.namespace === "kube-system" && o.metadata.name === c.name,
    );
    if (!obj) continue;
    const ds = c.kind === "DaemonSet";
    out.push({
      name: c.name,
      kind: c.kind,
      image: c.image,
      desired: ds ? num(obj, "status.desiredNumberScheduled") : num(obj, "spec.replicas", 1),
      ready: num(obj, ds ? "status.numberReady" : "status.readyReplicas"),
      available: num(obj, ds ? "status.numberAvailable" : "status.availableReplicas"),
    });
  }
  return out;
}

/**
 * cilium-cli `cilium status` (no --wait, the lab's cluster is always settled): the summary is read from the
 * cluster's own DaemonSets and Deployments, so it agrees with `kubectl get ds,deploy -n kube-system`.
 */
export function cliStatus(ctx: Ctx): string {
  const tty = ctx.deps.tty === true;
  const ok = tty ? `${GREEN}OK${RESET}` : "OK";
  const found = components(ctx);
  const state = (name: string): string => {
    const c = found.find((f) => f.name === name);
    if (!c) return "disabled";
    return c.ready === c.desired
      ? ok
      : tty
        ? `\x1b[33m${c.desired - c.ready} errors\x1b[0m`
        : `${c.desired - c.ready} errors`;
  };
  const managed = objects(ctx.state.cluster, byPlural("pods")).filter(
    (p) => (p.spec as { hostNetwork?: boolean } | undefined)?.hostNetwork !== true,
  ).length;
  const logo = [
    `    /¯¯\\`,
    ` /¯¯\\__/¯¯\\    Cilium:             ${state("cilium")}`,
    ` \\__/¯¯\\__/    Operator:           ${state("cilium-operator")}`,
    ` /¯¯\\__/¯¯\\    Envoy DaemonSet:    ${state("cilium-envoy")}`,
    ` \\__/¯¯\\__/    Hubble Relay:       ${state("hubble-relay")}`,
    `    \\__/       ClusterMesh:        disabled`,
  ].join("\n");
  const label = (i: number, first: string): string => (i === 0 ? first : "");
  const table = tabwrite(
    [
      ...found.map(
        (c) =>
          `${c.kind}\t${c.name}\tDesired: ${c.desired}, Ready: ${c.ready}/${c.desired}, Available: ${c.available}/${c.desired}`,
      ),
      ...found.map((c, i) => `${label(i, "Containers:")}\t${c.name}\tRunning: ${c.ready}`),
      `Cluster Pods:\t${managed}/${managed} managed by Cilium`,
      `Helm chart version:\t${CILIUM_VERSION}`,
      ...found.map((c, i) => `${label(i, "Image versions")}\t${c.name}\t${c.image}: ${c.desired}`),
    ].join("\n") + "\n",
    { minwidth: 0, padding: 4 },
  );
  return `${logo}\n\n${table}`;
}
