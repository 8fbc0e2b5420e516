/**
 * Table columns per resource type: built-in kinds from kubernetes pkg/printers/internalversion/printers.go,
 * Cilium CRDs from their additionalPrinterColumns (CLI-FORMATS.md §2, §3). `wide` columns are priority 1.
 */
import type { KObject } from "../cluster/api";
import { age } from "../printers/duration";
import type { Json } from "../printers/yaml";
import { boolFlag, flag, type ParsedFlags } from "../flags";
import { arr, formatLabels, formatLabelSelector, map, num, str } from "./access";
import { qualifiedKind, type ResourceType } from "./resources";

export interface Column {
  readonly header: string;
  readonly wide?: boolean;
  cell(obj: KObject, now: number): string;
}

const AGE: Column = { header: "AGE", cell: (o, now) => age(o.metadata.creationTimestamp, now) };
const NAME: Column = { header: "NAME", cell: (o) => o.metadata.name };
const col = (header: string, cell: (o: KObject, now: number) => string, wide = false): Column => ({
  header,
  cell,
  wide,
});

function podStatus(o: KObject): string {
  if (str(o, "metadata.deletionTimestamp")) return "Terminating";
  const reason = str(o, "status.reason");
  if (reason) return reason;
  for (const cs of arr(o, "status.containerStatuses")) {
    const waiting = str(cs, "state.waiting.reason");
    if (waiting) return waiting;
  }
  return str(o, "status.phase", "Pending");
}

function podRestarts(o: KObject, now: number): string {
  let total = 0;
  let last = "";
  for (const cs of arr(o, "status.containerStatuses")) {
    total += num(cs, "restartCount");
    const fin = str(cs, "lastState.terminated.finishedAt");
    if (fin && fin > last) last = fin;
  }
  return last ? `${total} (${age(last, now)} ago)` : String(total);
}

function podReady(o: KObject): string {
  const statuses = arr(o, "status.containerStatuses");
  const total = arr(o, "spec.containers").length;
  const ready = statuses.filter((s) => at(s, "ready") === true).length;
  return `${ready}/${total}`;
}

function at(j: Json, key: string): Json | undefined {
  return typeof j === "object" && j !== null && !Array.isArray(j) ? (j as Record<string, Json>)[key] : undefined;
}

function nodeStatus(o: KObject): string {
  const ready = arr(o, "status.conditions").find((c) => str(c, "type") === "Ready");
  const s =
    ready === undefined
      ? "Unknown"
      : str(ready, "status") === "True"
        ? "Ready"
        : str(ready, "status") === "False"
          ? "NotReady"
          : "Unknown";
  return at((o.spec ?? null) as Json, "unschedulable") === true ? `${s},SchedulingDisabled` : s;
}

function nodeRoles(o: KObject): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries<string>(o.metadata.labels ?? {})) {
    if (k.startsWith("node-role.kubernetes.io/")) roles.add(k.slice("node-role.kubernetes.io/".length));
    else if (k === "kubernetes.io/role" && v) roles.add(v);
  }
  return roles.size === 0 ? "<none>" : [...roles].sort().join(",");
}

function nodeAddress(o: KObject, type: string): string {
  const a = arr(o, "status.addresses").find((x) => str(x, "type") === type);
  return a === undefined ? "<none>" : str(a, "address");
}

function servicePorts(o: KObject): string {
  const ports = arr(o, "spec.ports");
  if (ports.length === 0) return "<none>";
  return ports
    .map((p) => `${num(p, "port")}${num(p, "nodePort") ? `:${num(p, "nodePort")}` : ""}/${str(p, "protocol", "TCP")}`)
    .join(",");
}

function externalIP(o: KObject): string {
  const type = str(o, "spec.type", "ClusterIP");
  const ext = arr(o, "spec.externalIPs").map(String);
  if (type === "ExternalName") return str(o, "spec.externalName");
  if (type === "LoadBalancer") {
    const ing = arr(o, "status.loadBalancer.ingress").map((i) => str(i, "ip") || str(i, "hostname"));
    const all = [...ing, ...ext];
    return all.length > 0 ? all.join(",") : "<pending>";
  }
  return ext.length > 0 ? ext.join(",") : "<none>";
}

/** kubectl formatEndpoints: `ip:port` pairs, at most three, then ` + N more...`. */
function endpointsCell(o: KObject): string {
  const list: string[] = [];
  let count = 0;
  for (const ss of arr(o, "subsets")) {
    const ports = arr(ss, "ports");
    const addrs = arr(ss, "addresses");
    if (ports.length === 0) {
      for (const a of addrs) {
        count++;
        if (list.length < 3) list.push(str(a, "ip"));
      }
      continue;
    }
    for (const p of ports) {
      for (const a of addrs) {
        count++;
        if (list.length < 3) list.push(`${str(a, "ip")}:${num(p, "port")}`);
      }
    }
  }
  if (count === 0) return "<none>";
  return list.join(",") + (count > list.length ? ` + ${count - list.length} more...` : "");
}

function validCondition(o: KObject): string {
  const c = arr(o, "status.conditions").find((x) => str(x, "type") === "Valid");
  return c === undefined ? "" : str(c, "status");
}

const firstAddressing = (o: KObject, key: string): string => str(o, `status.networking.addressing.0.${key}`);

/** CONTAINERS, IMAGES, SELECTOR (wide) of the workload printers. */
function workloadWide(): Column[] {
  return [
    col(
      "CONTAINERS",
      (o) =>
        arr(o, "spec.template.spec.containers")
          .map((c) => str(c, "name"))
          .join(","),
      true,
    ),
    col(
      "IMAGES",
      (o) =>
        arr(o, "spec.template.spec.containers")
          .map((c) => str(c, "image"))
          .join(","),
      true,
    ),
    col("SELECTOR", (o) => formatLabelSelector(at((o.spec ?? null) as Json, "selector")), true),
  ];
}

/** Fallback for kinds without printer columns: the API server's default NAME, AGE. */
export const DEFAULT_COLUMNS: readonly Column[] = [NAME, AGE];

/** Columns for each plural resource name. */
export const COLUMNS: Readonly<Record<string, readonly Column[]>> = {
  pods: [
    NAME,
    col("READY", podReady),
    col("STATUS", podStatus),
    col("RESTARTS", podRestarts),
    AGE,
    col("IP", (o) => str(o, "status.podIP", "<none>") || "<none>", true),
    col("NODE", (o) => str(o, "spec.nodeName", "<none>") || "<none>", true),
    col("NOMINATED NODE", (o) => str(o, "status.nominatedNodeName", "<none>") || "<none>", true),
    col("READINESS GATES", () => "<none>", true),
  ],
  nodes: [
    NAME,
    col("STATUS", nodeStatus),
    col("ROLES", nodeRoles),
    AGE,
    col("VERSION", (o) => str(o, "status.nodeInfo.kubeletVersion")),
    col("INTERNAL-IP", (o) => nodeAddress(o, "InternalIP"), true),
    col("EXTERNAL-IP", (o) => nodeAddress(o, "ExternalIP"), true),
    col("OS-IMAGE", (o) => str(o, "status.nodeInfo.osImage", "<unknown>") || "<unknown>", true),
    col("KERNEL-VERSION", (o) => str(o, "status.nodeInfo.kernelVersion", "<unknown>") || "<unknown>", true),
    col(
      "CONTAINER-RUNTIME",
      (o) => str(o, "status.nodeInfo.containerRuntimeVersion", "<unknown>") || "<unknown>",
      true,
    ),
  ],
  namespaces: [NAME, col("STATUS", (o) => str(o, "status.phase", "Active")), AGE],
  services: [
    NAME,
    col("TYPE", (o) => str(o, "spec.type", "ClusterIP")),
    col("CLUSTER-IP", (o) => str(o, "spec.clusterIP", "<none>") || "<none>"),
    col("EXTERNAL-IP", externalIP),
    col("PORT(S)", servicePorts),
    AGE,
    col("SELECTOR", (o) => formatLabels(map(o, "spec.selector")), true),
  ],
  endpoints: [NAME, col("ENDPOINTS", endpointsCell), AGE],
  configmaps: [NAME, col("DATA", (o) => String(Object.keys(map(o, "data")).length)), AGE],
  // kubectl's event printer: LAST SEEN, TYPE, REASON, OBJECT (kind/name, lower-cased kind), MESSAGE
  events: [
    col("LAST SEEN", (o, now) => age(str(o, "lastTimestamp") || o.metadata.creationTimestamp, now)),
    col("TYPE", (o) => str(o, "type")),
    col("REASON", (o) => str(o, "reason")),
    col("OBJECT", (o) => `${str(o, "involvedObject.kind").toLowerCase()}/${str(o, "involvedObject.name")}`),
    col("SUBOBJECT", () => "", true),
    col("SOURCE", (o) => str(o, "source.component"), true),
    col("MESSAGE", (o) => str(o, "message")),
    col("FIRST SEEN", (o, now) => age(str(o, "firstTimestamp"), now), true),
    col("COUNT", (o) => String(num(o, "count", 1)), true),
    col("NAME", (o) => o.metadata.name, true),
  ],
  deployments: [
    NAME,
    col("READY", (o) => `${num(o, "status.readyReplicas")}/${num(o, "spec.replicas", 1)}`),
    col("UP-TO-DATE", (o) => String(num(o, "status.updatedReplicas"))),
    col("AVAILABLE", (o) => String(num(o, "status.availableReplicas"))),
    AGE,
    col(
      "CONTAINERS",
      (o) =>
        arr(o, "spec.template.spec.containers")
          .map((c) => str(c, "name"))
          .join(","),
      true,
    ),
    col(
      "IMAGES",
      (o) =>
        arr(o, "spec.template.spec.containers")
          .map((c) => str(c, "image"))
          .join(","),
      true,
    ),
    col(
      "SELECTOR",
      (o) => formatLabelSelector(o.spec === undefined ? undefined : (at(o.spec as Json, "selector") as Json)),
      true,
    ),
  ],
  replicasets: [
    NAME,
    col("DESIRED", (o) => String(num(o, "spec.replicas", 1))),
    col("CURRENT", (o) => String(num(o, "status.replicas"))),
    col("READY", (o) => String(num(o, "status.readyReplicas"))),
    AGE,
    ...workloadWide(),
  ],
  daemonsets: [
    NAME,
    col("DESIRED", (o) => String(num(o, "status.desiredNumberScheduled"))),
    col("CURRENT", (o) => String(num(o, "status.currentNumberScheduled"))),
    col("READY", (o) => String(num(o, "status.numberReady"))),
    col("UP-TO-DATE", (o) => String(num(o, "status.updatedNumberScheduled"))),
    col("AVAILABLE", (o) => String(num(o, "status.numberAvailable"))),
    col("NODE SELECTOR", (o) => formatLabels(map(o, "spec.template.spec.nodeSelector"))),
    AGE,
    ...workloadWide(),
  ],
  statefulsets: [
    NAME,
    col("READY", (o) => `${num(o, "status.readyReplicas")}/${num(o, "spec.replicas", 1)}`),
    AGE,
    ...workloadWide().slice(0, 2),
  ],
  networkpolicies: [
    NAME,
    col("POD-SELECTOR", (o) => formatLabelSelector(at((o.spec ?? null) as Json, "podSelector"))),
    AGE,
  ],
  ciliumnetworkpolicies: [NAME, AGE, col("VALID", validCondition)],
  ciliumclusterwidenetworkpolicies: [NAME, col("VALID", validCondition)],
  ciliumendpoints: [
    NAME,
    col("SECURITY IDENTITY", (o) =>
      at(o.status as Json, "identity") !== undefined ? String(num(o, "status.identity.id", 0) || "") : "",
    ),
    col("INGRESS ENFORCEMENT", (o) => str(o, "status.policy.ingress.state"), true),
    col("EGRESS ENFORCEMENT", (o) => str(o, "status.policy.egress.state"), true),
    col("ENDPOINT STATE", (o) => str(o, "status.state")),
    col("IPV4", (o) => firstAddressing(o, "ipv4")),
    col("IPV6", (o) => firstAddressing(o, "ipv6")),
  ],
  ciliumidentities: [NAME, col("NAMESPACE", (o) => o.metadata.labels?.["io.kubernetes.pod.namespace"] ?? ""), AGE],
  ciliumegressgatewaypolicies: [NAME, AGE],
  ciliumcidrgroups: [NAME, AGE],
  // additionalPrinterColumns of the CRD: Tier, Priority (type string), Age.
  clusternetworkpolicies: [
    NAME,
    col("TIER", (o) => String((o.spec as { tier?: unknown } | undefined)?.tier ?? "")),
    col("PRIORITY", (o) => String((o.spec as { priority?: unknown } | undefined)?.priority ?? "")),
    AGE,
  ],
  ciliumnodes: [
    NAME,
    col("CILIUMINTERNALIP", (o) =>
      str(arr(o, "spec.addresses").find((a) => str(a, "type") === "CiliumInternalIP") ?? null, "ip"),
    ),
    col("INTERNALIP", (o) => str(arr(o, "spec.addresses").find((a) => str(a, "type") === "InternalIP") ?? null, "ip")),
    AGE,
  ],
};

/** The table's header and rows as cells (NAMESPACE with -A, -L label columns, LABELS with --show-labels). */
export function tableCells(
  type: ResourceType,
  objects: readonly KObject[],
  f: ParsedFlags,
  now: number,
  allNs: boolean,
  withKind: boolean,
  labelCols: readonly string[],
): { header: string[]; rows: string[][] } {
  const wide = flag(f, "output") === "wide";
  const cols = (COLUMNS[type.plural] ?? DEFAULT_COLUMNS).filter((c) => wide || !c.wide);
  const header: string[] = [];
  if (allNs && type.namespaced) header.push("NAMESPACE");
  header.push(...cols.map((c) => c.header));
  header.push(...labelCols.map((k) => (k.split("/").pop() ?? k).toUpperCase()));
  if (boolFlag(f, "show-labels")) header.push("LABELS");
  const rows = objects.map((o) => {
    const r: string[] = [];
    if (allNs && type.namespaced) r.push(o.metadata.namespace ?? "");
    cols.forEach((c, i) => r.push(i === 0 && withKind ? `${qualifiedKind(type)}/${c.cell(o, now)}` : c.cell(o, now)));
    r.push(...labelCols.map((k) => o.metadata.labels?.[k] ?? ""));
    if (boolFlag(f, "show-labels")) r.push(formatLabels(o.metadata.labels ?? {}));
    return r;
  });
  return { header, rows };
}
