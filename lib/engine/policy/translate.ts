/**
 * Cilium's translated rule JSON, as `cilium-dbg policy get` prints the repository: selector keys carry
 * their source (`any:` / `k8s:`), peers and subjects get the namespace match, and each rule carries
 * the derived-from labels (pkg/k8s/apis/cilium.io/utils/utils.go GetPolicyLabels).
 */
import type { PolicyObject } from "../model";
import type { Requirement, Selector } from "../selector";
import type { CompiledRule, Peer } from "./types";
import type { Raw } from "@/lib/base/raw";

/** A selector as Cilium prints it: single-value In → matchLabels, the rest → matchExpressions. */
export function selectorJSON(sel: Selector): Raw {
  const matchLabels: Record<string, string> = {};
  const matchExpressions: Raw[] = [];
  for (const r of sel.requirements) {
    const key = `${r.source}:${r.key}`;
    if (r.op === "In" && r.values.length === 1 && !(key in matchLabels)) matchLabels[key] = r.values[0] as string;
    else matchExpressions.push(exprJSON(key, r));
  }
  const out: Raw = {};
  if (Object.keys(matchLabels).length > 0) out.matchLabels = matchLabels;
  if (matchExpressions.length > 0) out.matchExpressions = matchExpressions;
  return out;
}

function exprJSON(key: string, r: Requirement): Raw {
  return r.values.length > 0 ? { key, operator: r.op, values: [...r.values] } : { key, operator: r.op };
}

function peerSelectors(entries: CompiledRule["ingress"], section: string, idx: number): Raw[] {
  const seen = new Set<string>();
  const out: Raw[] = [];
  for (const e of entries) {
    if (e.origin.section !== section || e.origin.ruleIndex !== idx) continue;
    const p: Peer = e.peer;
    if (p.kind !== "endpoints" || seen.has(p.selector.key)) continue;
    seen.add(p.selector.key);
    out.push(selectorJSON(p.selector));
  }
  return out;
}

function translateSection(
  rule: Omit<CompiledRule, "translated">,
  spec: Raw,
  section: "ingress" | "ingressDeny" | "egress" | "egressDeny",
): Raw[] | undefined {
  const list = spec[section];
  if (!Array.isArray(list)) return undefined;
  const entries = section.startsWith("ingress") ? rule.ingress : rule.egress;
  const field = section.startsWith("ingress") ? "fromEndpoints" : "toEndpoints";
  return (list as Raw[]).map((r, i) => {
    const copy: Raw = JSON.parse(JSON.stringify(r)) as Raw;
    if (Array.isArray(r[field])) copy[field] = peerSelectors(entries, section, i);
    return copy;
  });
}

export function translateRule(obj: PolicyObject, spec: Raw, rule: Omit<CompiledRule, "translated">): Raw {
  const out: Raw = {};
  if (rule.subject.kind === "endpoints") out.endpointSelector = selectorJSON(rule.subject.selector);
  else out.nodeSelector = selectorJSON(rule.subject.selector);
  for (const s of ["ingress", "ingressDeny", "egress", "egressDeny"] as const) {
    const t = translateSection(rule, spec, s);
    if (t) out[s] = t;
  }
  out.enableDefaultDeny = { ingress: rule.defaultDeny.ingress, egress: rule.defaultDeny.egress };
  const labels: Raw[] = [
    { key: "io.cilium.k8s.policy.derived-from", value: obj.kind, source: "k8s" },
    { key: "io.cilium.k8s.policy.name", value: obj.name, source: "k8s" },
  ];
  if (rule.namespace !== undefined)
    labels.push({ key: "io.cilium.k8s.policy.namespace", value: rule.namespace, source: "k8s" });
  labels.push({ key: "io.cilium.k8s.policy.uid", value: obj.uid, source: "k8s" });
  out.labels = labels;
  if (typeof spec.description === "string") out.description = spec.description;
  return out;
}
