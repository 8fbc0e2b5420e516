/**
 * Kubernetes NetworkPolicy → Cilium rules, as pkg/k8s/network_policy.go translates them:
 * - podSelector (subject and peers) uses `k8s:` keys and is limited to the policy's namespace;
 * - namespaceSelector keys become `io.cilium.k8s.namespace.labels.<key>`; `{}` = every namespace
 *   (pods only: `k8s:io.kubernetes.pod.namespace` Exists); podSelector + namespaceSelector in ONE peer
 *   are ANDed, two peers are ORed;
 * - a rule with no/empty `from`/`to` matches every source/destination, world included
 *   (api.WildcardEndpointSelector); no/empty `ports` = every port;
 * - ipBlock → a CIDR set with except (matches only IPs outside the cluster: policy-cidr-match-mode unset);
 * - every ingress and egress rule is translated whatever policyTypes says; policyTypes only turns an
 *   EMPTY direction into default deny: no ingress rules and (Ingress listed or Egress not listed) =
 *   ingress default deny; no egress rules and Egress listed = egress default deny.
 * The API server fills policyTypes and port protocols (TCP) before this runs (lib/cluster defaults).
 */
import { parsePrefix } from "../ip";
import { LABEL_NS_LABELS_PREFIX, LABEL_POD_NAMESPACE, SOURCE_K8S } from "../labels";
import type { PolicyObject } from "../model";
import { fromRawSelector, makeSelector, type RawLabelSelector, type Requirement, withRequirement } from "../selector";
import { selectorJSON } from "./translate";
import type { CompiledRule, Entry, Peer, PolicyAnalysis, PolicyProblem, PortSpec, RuleOrigin } from "./types";
import { VALID_MESSAGE } from "./cnp";
import { asArr, type Raw } from "@/lib/base/raw";

function nsSelectorReqs(raw: RawLabelSelector): Requirement[] {
  const sel = fromRawSelector(raw, SOURCE_K8S);
  const reqs = sel.requirements.map((r) => ({ ...r, source: SOURCE_K8S, key: LABEL_NS_LABELS_PREFIX + r.key }));
  return [...reqs, { source: SOURCE_K8S, key: LABEL_POD_NAMESPACE, op: "Exists", values: [] }];
}

function knpPeer(p: Raw, namespace: string): Peer | undefined {
  const ipBlock = p.ipBlock as Raw | undefined;
  if (ipBlock) {
    const c = parsePrefix(String(ipBlock.cidr ?? ""));
    if (!c.ok) return undefined;
    const except = (Array.isArray(ipBlock.except) ? ipBlock.except : []).flatMap((e) => {
      const ep = parsePrefix(String(e));
      return ep.ok ? [ep.prefix] : [];
    });
    return { kind: "cidr", prefix: c.prefix, except, text: String(ipBlock.cidr) };
  }
  const podSel = p.podSelector as RawLabelSelector | undefined;
  const nsSel = p.namespaceSelector as RawLabelSelector | undefined;
  let reqs: Requirement[] = podSel ? [...fromRawSelector(podSel, SOURCE_K8S).requirements] : [];
  if (nsSel) reqs = [...reqs, ...nsSelectorReqs(nsSel)];
  else reqs.push({ source: SOURCE_K8S, key: LABEL_POD_NAMESPACE, op: "In", values: [namespace] });
  const selector = makeSelector(reqs);
  return { kind: "endpoints", selector, text: selector.key };
}

function knpPorts(ports: Raw[]): PortSpec[] | undefined {
  if (ports.length === 0) return undefined;
  return ports.map((p) => {
    const protocol = String(p.protocol ?? "TCP").toUpperCase() as PortSpec["protocol"];
    if (typeof p.port === "string" && !/^\d+$/.test(p.port))
      return { port: 0, endPort: 0, name: p.port.toLowerCase(), protocol };
    const port = p.port === undefined ? 0 : Number(p.port);
    const endPort = typeof p.endPort === "number" && p.endPort > port ? p.endPort : port;
    return { port, endPort, protocol };
  });
}

function entries(rules: Raw[], peerField: "from" | "to", namespace: string, mk: (i: number) => RuleOrigin): Entry[] {
  const out: Entry[] = [];
  rules.forEach((r, i) => {
    const peersRaw = asArr(r[peerField]);
    const peers: Peer[] =
      peersRaw.length === 0 ? [{ kind: "all" }] : peersRaw.flatMap((p) => knpPeer(p, namespace) ?? []);
    const ports = knpPorts(asArr(r.ports));
    for (const peer of peers) out.push({ peer, ports, origin: mk(i), deny: false });
  });
  return out;
}

/** policyTypes leaves out a direction that has rules: Kubernetes ignores them, Cilium enforces them. */
function ignoredTypeWarning(dir: "ingress" | "egress", type: string, n: number): string {
  const rules = n === 1 ? `its ${dir} rule` : `its ${n} ${dir} rules`;
  return `policyTypes does not list ${type}, so by the Kubernetes spec this policy does not affect ${dir}; Cilium translates every rule anyway (ParseNetworkPolicy), so ${rules} still put the selected pods into ${dir} default deny, allowing only what the rules allow.`;
}

export function analyzeNetworkPolicy(obj: PolicyObject): PolicyAnalysis {
  const namespace = obj.namespace ?? "default";
  const spec = (obj.spec ?? {}) as Raw;
  const ingRules = asArr(spec.ingress),
    egRules = asArr(spec.egress);
  // The API server's default (SetDefaults_NetworkPolicy): Ingress, plus Egress only when egress has a
  // rule — `egress: []` stays ingress-only.
  const types =
    Array.isArray(spec.policyTypes) && spec.policyTypes.length > 0
      ? (spec.policyTypes as string[])
      : ["Ingress", ...(egRules.length > 0 ? ["Egress"] : [])];
  // ParseNetworkPolicy (pkg/k8s/network_policy.go) translates every ingress and egress rule whatever
  // policyTypes says; policyTypes only decides whether an EMPTY direction becomes default deny
  // (ingress: Ingress listed or Egress not listed; egress: Egress listed).
  const hasIngress = ingRules.length > 0 || types.includes("Ingress") || !types.includes("Egress");
  const hasEgress = egRules.length > 0 || types.includes("Egress");
  const mk =
    (section: "ingress" | "egress") =>
    (i: number): RuleOrigin => ({ policy: obj.key, kind: obj.kind, namespace, name: obj.name, section, ruleIndex: i });
  const ingress = entries(ingRules, "from", namespace, mk("ingress"));
  const egress = entries(egRules, "to", namespace, mk("egress"));
  const problems: PolicyProblem[] = [];
  for (const [dir, rules, type] of [
    ["ingress", ingRules, "Ingress"],
    ["egress", egRules, "Egress"],
  ] as const) {
    if (rules.length > 0 && !types.includes(type))
      problems.push({ severity: "warning", message: ignoredTypeWarning(dir, type, rules.length) });
  }
  let subjectSel = fromRawSelector(spec.podSelector as RawLabelSelector | undefined, SOURCE_K8S);
  subjectSel = withRequirement(subjectSel, {
    source: SOURCE_K8S,
    key: LABEL_POD_NAMESPACE,
    op: "In",
    values: [namespace],
  });
  const base: Omit<CompiledRule, "translated"> = {
    policy: obj.key,
    kind: obj.kind,
    namespace,
    name: obj.name,
    subject: { kind: "endpoints", selector: subjectSel },
    ingress,
    egress,
    hasSection: { ingress: hasIngress, egress: hasEgress },
    defaultDeny: { ingress: hasIngress, egress: hasEgress },
  };
  const translated = {
    endpointSelector: selectorJSON(subjectSel),
    ...(hasIngress ? { ingress: ingRules.length === 0 ? [{}] : ingRules } : {}),
    ...(hasEgress ? { egress: egRules.length === 0 ? [{}] : egRules } : {}),
    labels: [
      { key: "io.cilium.k8s.policy.derived-from", value: "NetworkPolicy", source: "k8s" },
      { key: "io.cilium.k8s.policy.name", value: obj.name, source: "k8s" },
      { key: "io.cilium.k8s.policy.namespace", value: namespace, source: "k8s" },
      { key: "io.cilium.k8s.policy.uid", value: obj.uid, source: "k8s" },
    ],
  };
  return {
    key: obj.key,
    kind: obj.kind,
    namespace,
    name: obj.name,
    valid: true,
    message: VALID_MESSAGE,
    problems,
    rules: [{ ...base, translated }],
  };
}
