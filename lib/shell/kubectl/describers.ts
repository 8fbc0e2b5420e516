/**
 * Per-kind describers (kubectl pkg/describe/describe.go): Pod, Service, Namespace, Node, NetworkPolicy; every
 * other kind (the Cilium CRDs, Deployments here) uses the generic describer.
 */
import type { KObject } from "../cluster/api";
import { describeGeneric, PrefixWriter, writeAnnotations, writeLabels } from "../printers/describe";
import { age, rfc1123z } from "../printers/duration";
import type { Json } from "../printers/yaml";
import { arr, at, formatLabels, formatLabelSelector, map, num, str } from "./access";

export interface DescribeEnv {
  readonly now: number;
  readonly events: boolean;
  /** Other objects describers consult (a pod's node IP, a service's endpoints). */
  find(kind: "nodes" | "endpoints", namespace: string, name: string): KObject | undefined;
  /** The object's events, as `searchEvents` finds them (involvedObject kind, name, namespace and uid). */
  eventsFor(o: KObject): readonly KObject[];
}

/** metav1.Time's String(): `2025-08-05 10:20:31 +0000 UTC` */
function goTime(ts: string): string {
  return ts ? ts.replace("T", " ").replace("Z", " +0000 UTC") : "<unknown>";
}

/** kubectl DescribeEvents: sorted by last timestamp, `AGE (xN over FIRST)` when an event repeated. */
function events(w: PrefixWriter, env: DescribeEnv, o: KObject): void {
  if (!env.events) return;
  const ts = (e: KObject, k: string) => Date.parse(str(e, k)) || 0;
  const list = [...env.eventsFor(o)].sort((a, b) => ts(a, "lastTimestamp") - ts(b, "lastTimestamp"));
  if (list.length === 0) {
    w.write(0, "Events:\t<none>\n");
    return;
  }
  w.flush();
  w.write(0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n");
  w.write(1, "----\t------\t----\t----\t-------\n");
  for (const e of list) {
    const first = age(str(e, "firstTimestamp"), env.now);
    const count = num(e, "count", 1);
    const interval = count > 1 ? `${age(str(e, "lastTimestamp"), env.now)} (x${count} over ${first})` : first;
    w.write(
      1,
      `${str(e, "type")}\t${str(e, "reason")}\t${interval}\t${str(e, "source.component")}\t${str(e, "message").trim()}\n`,
    );
  }
}

function describePod(o: KObject, env: DescribeEnv): string {
  const w = new PrefixWriter();
  const nodeName = str(o, "spec.nodeName");
  const node = nodeName ? env.find("nodes", "", nodeName) : undefined;
  const nodeIP = node
    ? str(arr(node, "status.addresses").find((a) => str(a, "type") === "InternalIP") ?? null, "address")
    : str(o, "status.hostIP");
  w.write(0, `Name:\t${o.metadata.name}\n`);
  w.write(0, `Namespace:\t${o.metadata.namespace ?? ""}\n`);
  w.write(0, `Priority:\t${num(o, "spec.priority")}\n`);
  w.write(0, `Service Account:\t${str(o, "spec.serviceAccountName", "default")}\n`);
  w.write(0, `Node:\t${nodeName ? `${nodeName}/${nodeIP}` : "<none>"}\n`);
  const start = str(o, "status.startTime") || (o.metadata.creationTimestamp ?? "");
  if (start) w.write(0, `Start Time:\t${rfc1123z(Date.parse(start))}\n`);
  writeLabels(w, "Labels", o.metadata.labels);
  writeAnnotations(w, o.metadata.annotations);
  w.write(0, `Status:\t${str(o, "status.phase", "Pending")}\n`);
  const ip = str(o, "status.podIP");
  w.write(0, `IP:\t${ip}\n`);
  const ips = arr(o, "status.podIPs");
  if (ips.length === 0 && !ip) w.write(0, "IPs:\t<none>\n");
  else {
    w.write(0, "IPs:\n");
    for (const x of ips.length > 0 ? ips.map((p) => str(p, "ip")) : [ip]) w.write(1, `IP:\t${x}\n`);
  }
  const owner = arr(o, "metadata.ownerReferences")[0];
  if (owner) w.write(0, `Controlled By:\t${str(owner, "kind")}/${str(owner, "name")}\n`);
  const statuses = arr(o, "status.containerStatuses");
  const containers = arr(o, "spec.containers");
  if (containers.length > 0) {
    w.write(0, "Containers:\n");
    for (const c of containers) {
      const name = str(c, "name");
      const cs = statuses.find((s) => str(s, "name") === name);
      w.write(1, `${name}:\n`);
      if (cs && str(cs, "containerID")) w.write(2, `Container ID:\t${str(cs, "containerID")}\n`);
      w.write(2, `Image:\t${str(c, "image")}\n`);
      if (cs) w.write(2, `Image ID:\t${str(cs, "imageID")}\n`);
      const ports = arr(c, "ports");
      w.write(
        2,
        `Port:\t${ports.length === 0 ? "<none>" : ports.map((p) => `${num(p, "containerPort")}/${str(p, "protocol", "TCP")}`).join(", ")}\n`,
      );
      w.write(
        2,
        `Host Port:\t${ports.length === 0 ? "<none>" : ports.map((p) => `${num(p, "hostPort")}/${str(p, "protocol", "TCP")}`).join(", ")}\n`,
      );
      const started = cs ? str(cs, "state.running.startedAt") : "";
      w.write(2, `State:\t${started ? "Running" : cs && str(cs, "state.waiting.reason") ? "Waiting" : "Running"}\n`);
      if (started) w.write(3, `Started:\t${rfc1123z(Date.parse(started))}\n`);
      else if (cs && str(cs, "state.waiting.reason")) w.write(3, `Reason:\t${str(cs, "state.waiting.reason")}\n`);
      w.write(2, `Ready:\t${cs && at(cs, "ready") === true ? "True" : "False"}\n`);
      w.write(2, `Restart Count:\t${cs ? num(cs, "restartCount") : 0}\n`);
      w.write(2, "Environment:\t<none>\n");
      w.write(2, "Mounts:\n");
      w.write(
        3,
        `/var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-${tokenSuffix(o.metadata.name)} (ro)\n`,
      );
    }
  }
  const conds = arr(o, "status.conditions");
  if (conds.length > 0) {
    w.write(0, "Conditions:\n");
    w.write(1, "Type\tStatus\n");
    for (const c of conds) w.write(1, `${str(c, "type")} \t${str(c, "status")} \n`);
  }
  w.write(0, "Volumes:\n");
  w.write(1, `kube-api-access-${tokenSuffix(o.metadata.name)}:\n`);
  w.write(2, "Type:\tProjected (a volume that contains injected data from multiple sources)\n");
  w.write(2, "TokenExpirationSeconds:\t3607\n");
  w.write(2, "ConfigMapName:\tkube-root-ca.crt\n");
  w.write(2, "Optional:\tfalse\n");
  w.write(2, "DownwardAPI:\ttrue\n");
  w.write(0, `QoS Class:\t${str(o, "status.qosClass", "BestEffort")}\n`);
  w.write(0, `Node-Selectors:\t${formatLabels(map(o, "spec.nodeSelector"))}\n`);
  w.write(0, "Tolerations:\tnode.kubernetes.io/not-ready:NoExecute op=Exists for 300s\n");
  w.write(0, "\tnode.kubernetes.io/unreachable:NoExecute op=Exists for 300s\n");
  events(w, env, o);
  return w.toString();
}

/** A stable 5-character suffix for the projected token volume (kube-api-access-xxxxx). */
function tokenSuffix(name: string): string {
  const alphabet = "bcdfghjklmnpqrstvwxz2456789";
  let h = 2166136261;
  for (const c of name) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  let s = "";
  for (let i = 0; i < 5; i++) {
    s += alphabet[h % alphabet.length];
    h = Math.floor(h / alphabet.length) + 7919 * (i + 1);
  }
  return s;
}

function describeService(o: KObject, env: DescribeEnv): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${o.metadata.name}\n`);
  w.write(0, `Namespace:\t${o.metadata.namespace ?? ""}\n`);
  writeLabels(w, "Labels", o.metadata.labels);
  writeAnnotations(w, o.metadata.annotations);
  w.write(0, `Selector:\t${formatLabels(map(o, "spec.selector"))}\n`);
  w.write(0, `Type:\t${str(o, "spec.type", "ClusterIP")}\n`);
  w.write(0, "IP Family Policy:\tSingleStack\n");
  w.write(0, "IP Families:\tIPv4\n");
  const ip = str(o, "spec.clusterIP");
  w.write(0, `IP:\t${ip}\n`);
  w.write(0, `IPs:\t${ip}\n`);
  const ep = env.find("endpoints", o.metadata.namespace ?? "", o.metadata.name);
  for (const p of arr(o, "spec.ports")) {
    const proto = str(p, "protocol", "TCP");
    w.write(0, `Port:\t${str(p, "name") || "<unset>"}  ${num(p, "port")}/${proto}\n`);
    const tp = at(p, "targetPort");
    w.write(0, `TargetPort:\t${tp === undefined ? num(p, "port") : String(tp)}/${proto}\n`);
    if (num(p, "nodePort")) w.write(0, `NodePort:\t${str(p, "name") || "<unset>"}  ${num(p, "nodePort")}/${proto}\n`);
    const addrs = ep
      ? arr(ep, "subsets").flatMap((ss) =>
          arr(ss, "addresses").map((a) => `${str(a, "ip")}:${num(arr(ss, "ports")[0] ?? null, "port")}`),
        )
      : [];
    w.write(0, `Endpoints:\t${addrs.join(",")}\n`);
  }
  w.write(0, "Session Affinity:\tNone\n");
  w.write(0, "Internal Traffic Policy:\tCluster\n");
  events(w, env, o);
  return w.toString();
}

function describeNamespace(o: KObject): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${o.metadata.name}\n`);
  writeLabels(w, "Labels", o.metadata.labels);
  writeAnnotations(w, o.metadata.annotations);
  w.write(0, `Status:\t${str(o, "status.phase", "Active")}\n`);
  return w.toString() + "\nNo resource quota.\n\nNo LimitRange resource.\n";
}

function describeNode(o: KObject, env: DescribeEnv): string {
  const w = new PrefixWriter();
  const roles = Object.keys(o.metadata.labels ?? {})
    .filter((k) => k.startsWith("node-role.kubernetes.io/"))
    .map((k) => k.slice(24));
  w.write(0, `Name:\t${o.metadata.name}\n`);
  w.write(0, `Roles:\t${roles.length > 0 ? roles.sort().join(",") : "<none>"}\n`);
  writeLabels(w, "Labels", o.metadata.labels);
  writeAnnotations(w, o.metadata.annotations);
  w.write(
    0,
    `CreationTimestamp:\t${o.metadata.creationTimestamp ? rfc1123z(Date.parse(o.metadata.creationTimestamp)) : "<unknown>"}\n`,
  );
  const taints = arr(o, "spec.taints");
  w.write(
    0,
    `Taints:\t${taints.length === 0 ? "<none>" : taints.map((t) => `${str(t, "key")}${str(t, "value") ? "=" + str(t, "value") : ""}:${str(t, "effect")}`).join("\n\t")}\n`,
  );
  w.write(0, `Unschedulable:\t${at(o.spec as Json, "unschedulable") === true}\n`);
  w.write(0, "Addresses:\n");
  for (const a of arr(o, "status.addresses")) w.write(1, `${str(a, "type")}:\t${str(a, "address")}\n`);
  w.write(0, "System Info:\n");
  w.write(1, `Kernel Version:\t${str(o, "status.nodeInfo.kernelVersion")}\n`);
  w.write(1, `OS Image:\t${str(o, "status.nodeInfo.osImage")}\n`);
  w.write(1, `Container Runtime Version:\t${str(o, "status.nodeInfo.containerRuntimeVersion")}\n`);
  w.write(1, `Kubelet Version:\t${str(o, "status.nodeInfo.kubeletVersion")}\n`);
  const cidr = str(o, "spec.podCIDR");
  w.write(0, `PodCIDR:\t${cidr}\n`);
  w.write(0, `PodCIDRs:\t${cidr}\n`);
  events(w, env, o);
  return w.toString();
}

function peers(w: PrefixWriter, rules: readonly Json[], dir: "ingress" | "egress"): void {
  const ind = "    ";
  const peerKey = dir === "ingress" ? "from" : "to";
  const label = dir === "ingress" ? "From" : "To";
  if (rules.length === 0) {
    w.write(0, `${ind}<none> (Selected pods are isolated for ${dir} connectivity)\n`);
    return;
  }
  rules.forEach((r, i) => {
    const ports = arr(r, "ports");
    if (ports.length === 0) w.write(0, `${ind}To Port: <any> (traffic allowed to all ports)\n`);
    for (const p of ports)
      w.write(
        0,
        `${ind}To Port: ${at(p, "port") === undefined ? "<any>" : String(at(p, "port"))}/${str(p, "protocol", "TCP")}\n`,
      );
    const list = arr(r, peerKey);
    if (list.length === 0)
      w.write(0, `${ind}${label}: <any> (traffic not restricted by ${dir === "ingress" ? "source" : "destination"})\n`);
    for (const pe of list) {
      w.write(0, `${ind}${label}:\n`);
      const ps = at(pe, "podSelector");
      const nss = at(pe, "namespaceSelector");
      if (nss !== undefined) w.write(1, `${ind}NamespaceSelector: ${formatLabelSelector(nss)}\n`);
      if (ps !== undefined) w.write(1, `${ind}PodSelector: ${formatLabelSelector(ps)}\n`);
      if (ps === undefined && nss === undefined && at(pe, "ipBlock") !== undefined) {
        w.write(1, `${ind}IPBlock:\n`);
        w.write(2, `${ind}CIDR: ${str(pe, "ipBlock.cidr")}\n`);
        w.write(2, `${ind}Except: ${arr(pe, "ipBlock.except").map(String).join(", ")}\n`);
      }
    }
    if (i !== rules.length - 1) w.write(0, `${ind}----------\n`);
  });
}

function describeNetworkPolicy(o: KObject): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${o.metadata.name}\n`);
  w.write(0, `Namespace:\t${o.metadata.namespace ?? ""}\n`);
  w.write(0, `Created on:\t${goTime(o.metadata.creationTimestamp ?? "")}\n`);
  writeLabels(w, "Labels", o.metadata.labels);
  writeAnnotations(w, o.metadata.annotations);
  w.write(0, "Spec:\n");
  w.write(1, "PodSelector: ");
  const sel = formatLabelSelector(at(o.spec as Json, "podSelector"));
  w.write(2, sel === "<none>" ? "<none> (Allowing the specific traffic to all pods in this namespace)\n" : `${sel}\n`);
  const declared = arr(o, "spec.policyTypes").map(String);
  const egressRules = arr(o, "spec.egress");
  const types = declared.length > 0 ? declared : ["Ingress", ...(egressRules.length > 0 ? ["Egress"] : [])];
  if (types.includes("Ingress")) {
    w.write(1, "Allowing ingress traffic:\n");
    peers(w, arr(o, "spec.ingress"), "ingress");
  } else w.write(1, "Not affecting ingress traffic\n");
  if (types.includes("Egress")) {
    w.write(1, "Allowing egress traffic:\n");
    peers(w, egressRules, "egress");
  } else w.write(1, "Not affecting egress traffic\n");
  w.write(1, `Policy Types: ${types.join(", ")}\n`);
  return w.toString();
}

/** kubectl's ConfigMapDescriber: each key, a dashed rule, then the value as it is. */
function describeConfigMap(o: KObject, env: DescribeEnv): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${o.metadata.name}\n`);
  w.write(0, `Namespace:\t${o.metadata.namespace ?? ""}\n`);
  writeLabels(w, "Labels", o.metadata.labels);
  writeAnnotations(w, o.metadata.annotations);
  w.write(0, "\nData\n====\n");
  const data = map(o, "data");
  for (const k of Object.keys(data).sort()) w.write(0, `${k}:\n----\n${data[k]}\n`);
  w.write(0, "\nBinaryData\n====\n");
  if (env.events) w.write(0, "\nEvents:\t<none>\n");
  return w.toString();
}

/** Describes one object of the given plural type. */
export function describeObject(plural: string, o: KObject, env: DescribeEnv): string {
  switch (plural) {
    case "pods":
      return describePod(o, env);
    case "services":
      return describeService(o, env);
    case "namespaces":
      return describeNamespace(o);
    case "nodes":
      return describeNode(o, env);
    case "networkpolicies":
      return describeNetworkPolicy(o);
    case "configmaps":
      return describeConfigMap(o, env);
    default:
      return describeGeneric(o as unknown as { readonly [k: string]: Json }, env.events ? "none" : "omit");
  }
}
