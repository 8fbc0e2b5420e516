/**
 * CiliumNetworkPolicy / CiliumClusterwideNetworkPolicy → compiled rules, with Cilium's own validation
 * (CNP Parse + Rule.Sanitize). An invalid object is stored but enforces nothing ("fails open"), exactly
 * as the agent refuses to import it while the API server keeps it.
 */
import type { PolicyObject } from "../model";
import { indexLabels, LABEL_POD_NAMESPACE, SOURCE_K8S, SOURCE_RESERVED } from "../labels";
import {
  fromRawSelector,
  type RawLabelSelector,
  requirementMatches,
  requirementText,
  selectorHasSource,
  withRequirement,
} from "../selector";
import { collectPeers } from "./peers";
import { ciliumSelectorError } from "./selector-check";
import { parsePortRule } from "./ports";
import { translateRule } from "./translate";
import type { CompiledRule, Entry, PolicyAnalysis, PolicyProblem, RuleOrigin, Section, Subject } from "./types";
import { asArr, type Raw } from "@/lib/base/raw";

export const VALID_MESSAGE = "Policy validation succeeded";

class RuleError extends Error {}

/** Agent options Rule validation reads (bound in both the operator and the agent). */
export interface AnalyzeOptions {
  readonly nodeSelectorLabels: boolean;
}

/** ErrFromToNodesRequiresNodeSelectorOption (pkg/policy/api/rule_validation.go). */
export const NODE_SELECTOR_LABELS_ERROR =
  'FromNodes/ToNodes rules can only be applied when the "enable-node-selector-labels" flag is set';

interface Ctx {
  readonly obj: PolicyObject;
  readonly opts: AnalyzeOptions;
  readonly namespace: string | undefined;
  readonly specIndex: number | undefined;
  readonly hostPolicy: boolean;
  readonly warnings: PolicyProblem[];
  /** The spec's `log.value`, when set and non-empty. */
  readonly log?: string;
}

function origin(ctx: Ctx, section: Section, ruleIndex: number): RuleOrigin {
  return {
    policy: ctx.obj.key,
    kind: ctx.obj.kind,
    namespace: ctx.namespace,
    name: ctx.obj.name,
    specIndex: ctx.specIndex,
    section,
    ruleIndex,
    ...(ctx.log !== undefined ? { log: ctx.log } : {}),
  };
}

function sectionEntries(ctx: Ctx, rules: Raw[], section: Section): Entry[] {
  const dir = section.startsWith("ingress") ? "ingress" : "egress";
  const deny = section.endsWith("Deny");
  const out: Entry[] = [];
  rules.forEach((rule, i) => {
    for (const f of ["fromEndpoints", "toEndpoints"]) {
      for (const sel of asArr(rule[f])) {
        const err = ciliumSelectorError(sel);
        if (err) throw new RuleError(err);
      }
    }
    if (rule.authentication !== undefined && rule.authentication !== null) {
      // Still in the 1.20 CRD, but the feature is deprecated (Documentation/operations/upgrade-current.inc)
      // and its control plane is off by default (cilium/cilium#42665).
      ctx.warnings.push({
        severity: "warning",
        message: `${section}[${i}].authentication: mutual authentication is deprecated in Cilium 1.20 and off by default; this lab does not simulate it and decides the rule's traffic without the authentication requirement`,
      });
    }
    if (!ctx.opts.nodeSelectorLabels && asArr(rule[dir === "ingress" ? "fromNodes" : "toNodes"]).length > 0)
      throw new RuleError(NODE_SELECTOR_LABELS_ERROR);
    const peersRes = collectPeers(rule, dir, ctx.namespace);
    if (!peersRes.ok) throw new RuleError(peersRes.error);
    const toPorts = asArr(rule.toPorts);
    const icmps = asArr(rule.icmps);
    if (icmps.length > 0 && toPorts.length > 0) {
      throw new RuleError(
        "The ICMPs block may only be present without ToPorts. Define a separate rule to use ToPorts.",
      );
    }
    if (toPorts.length > 0 && asArr(rule.toServices).length > 0)
      throw new RuleError("Combining ToServices and ToPorts is not supported yet");
    const hasL4 = toPorts.length > 0 || icmps.length > 0;
    // No L3 field at all: toPorts alone means "from/to anyone on these ports"; an empty rule allows nothing.
    const peers = peersRes.peers ?? (hasL4 ? [{ kind: "all" as const }] : []);
    // IngressRule.sanitize checks L7 support per direction before sanitizing each PortRule.
    if (dir === "ingress" && toPorts.some((pr) => asArr((pr.rules as Raw | undefined)?.dns).length > 0)) {
      throw new RuleError("L7 protocol DNS is not supported on ingress yet");
    }
    const parsed = toPorts.map((pr) => {
      const r = parsePortRule(pr, dir === "ingress");
      if (!r.ok) throw new RuleError(r.error);
      for (const w of r.rule.endPortWarnings)
        ctx.warnings.push({ severity: "warning", message: `${section}[${i}]: ${w}` });
      return r.rule;
    });
    if (ctx.hostPolicy && parsed.some((p) => p.l7?.kind === "http"))
      throw new RuleError("host policies do not support L7 rules yet");
    if (deny && parsed.some((p) => p.l7)) throw new RuleError("L7 rules are not allowed in deny rules");
    const o = origin(ctx, section, i);
    for (const peer of peers) {
      if (parsed.length === 0 && icmps.length === 0) out.push({ peer, origin: o, deny });
      for (const pr of parsed) out.push({ peer, ports: pr.ports, l7: pr.l7, origin: o, deny });
      if (icmps.length > 0) out.push({ peer, ports: [{ port: 0, endPort: 0, protocol: "ICMP" }], origin: o, deny });
    }
  });
  return out;
}

const FORCED_NS_KEY = `${SOURCE_K8S}:${LABEL_POD_NAMESPACE}`;

/** The value the user wrote under exactly `k8s:io.kubernetes.pod.namespace` in matchLabels, if any. */
function replacedNamespace(es: RawLabelSelector): string | undefined {
  const v = es.matchLabels?.[FORCED_NS_KEY];
  return v === undefined ? undefined : String(v);
}

function withoutForcedKey(es: RawLabelSelector): RawLabelSelector {
  if (!es.matchLabels || !(FORCED_NS_KEY in es.matchLabels)) return es;
  const rest = Object.fromEntries(Object.entries(es.matchLabels).filter(([k]) => k !== FORCED_NS_KEY));
  return { ...es, matchLabels: rest };
}

function subjectOf(ctx: Ctx, spec: Raw): Subject {
  const es = spec.endpointSelector as RawLabelSelector | undefined;
  const ns = spec.nodeSelector as RawLabelSelector | undefined;
  if (ctx.obj.kind === "CiliumNetworkPolicy" && ns)
    throw new RuleError("Invalid CiliumNetworkPolicy spec: rule cannot have NodeSelector");
  if (!es && !ns) throw new RuleError("rule must have one of EndpointSelector or NodeSelector");
  if (es && ns) throw new RuleError("rule cannot have both EndpointSelector and NodeSelector");
  const selErr = ciliumSelectorError(es ?? ns);
  if (selErr) throw new RuleError(selErr);
  if (ns) return { kind: "nodes", selector: fromRawSelector(ns) };
  // ParseToCiliumRule (pkg/k8s/apis/cilium.io/utils/utils.go) writes the policy's namespace into
  // matchLabels under exactly `k8s:io.kubernetes.pod.namespace` — a map write, so a user's entry under
  // that key is replaced ("removing illegal namespace match"). Any other spelling of the namespace label
  // (unprefixed, `any:`, matchExpressions) is a separate requirement and stays ANDed with it.
  const forced = ctx.namespace !== undefined ? es && replacedNamespace(es) : undefined;
  let sel = fromRawSelector(ctx.namespace !== undefined && es ? withoutForcedKey(es) : es);
  if (selectorHasSource(sel, SOURCE_RESERVED)) {
    ctx.warnings.push({
      severity: "warning",
      message:
        "endpointSelector uses a reserved: label: an endpointSelector only ever selects pods, never the host (not even reserved:host), so this rule selects nothing. Host policies need a nodeSelector in a CiliumClusterwideNetworkPolicy; reserved:host works only as a peer (like fromEntities: [host]).",
    });
  }
  if (ctx.namespace !== undefined) {
    if (forced !== undefined && forced !== ctx.namespace) {
      ctx.warnings.push({
        severity: "warning",
        message: `CiliumNetworkPolicy contains illegal namespace match in EndpointSelector. EndpointSelector always applies in namespace of the policy resource, removing illegal namespace match: k8s:${LABEL_POD_NAMESPACE}=${forced} is replaced by ${ctx.namespace}, so this policy selects pods in ${ctx.namespace}, not in ${forced}. To select pods in ${forced}, create the policy in that namespace.`,
      });
    }
    const own = indexLabels([{ source: SOURCE_K8S, key: LABEL_POD_NAMESPACE, value: ctx.namespace }]);
    const clash = sel.requirements.find((r) => r.key === LABEL_POD_NAMESPACE && !requirementMatches(r, own));
    if (clash) {
      ctx.warnings.push({
        severity: "warning",
        message: `endpointSelector requires ${requirementText(clash)}, but Cilium always adds k8s:${LABEL_POD_NAMESPACE}=${ctx.namespace} (the policy's namespace) and ANDs the two, so this selector can match nothing. Only the exact key k8s:${LABEL_POD_NAMESPACE} in matchLabels is replaced; to select pods in another namespace, create the policy there.`,
      });
    }
    sel = withRequirement(sel, { source: SOURCE_K8S, key: LABEL_POD_NAMESPACE, op: "In", values: [ctx.namespace] });
  }
  return { kind: "endpoints", selector: sel };
}

/**
 * The two enableDefaultDeny traps (Documentation/security/policy/language.rst "enableDefaultDeny",
 * deny.rst): a policy made only of deny rules still turns on default deny for its direction. (That an
 * all-toPorts direction stops ICMP is explained by the verdict's nearest rule, not warned: it is the norm.)
 */
function defaultDenyTraps(
  ctx: Ctx,
  allow: Record<"ingress" | "egress", Raw[]>,
  deny: Record<"ingress" | "egress", Raw[]>,
  dd: Record<"ingress" | "egress", boolean>,
): void {
  const where = ctx.specIndex !== undefined ? `specs[${ctx.specIndex}]: ` : "";
  for (const dir of ["ingress", "egress"] as const) {
    if (!dd[dir]) continue;
    if (allow[dir].length === 0 && deny[dir].length > 0) {
      ctx.warnings.push({
        severity: "warning",
        message: `${where}this policy has only ${dir}Deny rules, yet it puts every pod it selects into ${dir} default deny: all ${dir} that no other policy allows is dropped, not just what the deny rules name. To deny only that, set enableDefaultDeny: {${dir}: false}.`,
      });
    }
  }
}

function compileSpec(ctx: Ctx, spec: Raw): CompiledRule {
  const subject = subjectOf(ctx, spec);
  const ing = asArr(spec.ingress),
    ingD = asArr(spec.ingressDeny),
    eg = asArr(spec.egress),
    egD = asArr(spec.egressDeny);
  if (ing.length + ingD.length + eg.length + egD.length === 0) {
    throw new RuleError("rule must have at least one of Ingress, IngressDeny, Egress, EgressDeny");
  }
  for (const [f, list] of [
    ["ingress", spec.ingress],
    ["egress", spec.egress],
  ] as const) {
    if (Array.isArray(list) && list.length === 0) {
      ctx.warnings.push({
        severity: "warning",
        message: `${f}: [] is an empty list: it adds no rule and does not turn on default deny. To deny all ${f}, write ${f}: [{}].`,
      });
    }
  }
  const ingress = [...sectionEntries(ctx, ing, "ingress"), ...sectionEntries(ctx, ingD, "ingressDeny")];
  const egress = [...sectionEntries(ctx, eg, "egress"), ...sectionEntries(ctx, egD, "egressDeny")];
  const edd = (spec.enableDefaultDeny ?? {}) as Raw;
  const hasSection = { ingress: ing.length + ingD.length > 0, egress: eg.length + egD.length > 0 };
  const defaultDeny = {
    ingress: typeof edd.ingress === "boolean" ? edd.ingress : hasSection.ingress,
    egress: typeof edd.egress === "boolean" ? edd.egress : hasSection.egress,
  };
  defaultDenyTraps(ctx, { ingress: ing, egress: eg }, { ingress: ingD, egress: egD }, defaultDeny);
  const rule: Omit<CompiledRule, "translated"> = {
    policy: ctx.obj.key,
    kind: ctx.obj.kind,
    namespace: ctx.namespace,
    name: ctx.obj.name,
    specIndex: ctx.specIndex,
    subject,
    ingress,
    egress,
    hasSection,
    defaultDeny,
  };
  return { ...rule, translated: translateRule(ctx.obj, spec, rule) };
}

function fqdnWarnings(specs: Raw[]): PolicyProblem[] {
  const hasFqdn = specs.some((s) => asArr(s.egress).some((r) => asArr(r.toFQDNs).length > 0));
  const hasDns = specs.some((s) =>
    asArr(s.egress).some((r) => asArr(r.toPorts).some((p) => asArr((p.rules as Raw | undefined)?.dns).length > 0)),
  );
  if (!hasFqdn || hasDns) return [];
  return [
    {
      severity: "warning",
      message:
        "toFQDNs only matches IPs that Cilium's DNS proxy saw in an answer, and no egress rule of this policy sends DNS lookups through the proxy (toPorts on port 53 with rules.dns). Unless another policy selecting the same pods does, this toFQDNs rule never matches.",
    },
  ];
}

/** Analyze a CNP or CCNP object: validation result, warnings and compiled rules. */
export function analyzeCiliumPolicy(
  obj: PolicyObject,
  opts: AnalyzeOptions = { nodeSelectorLabels: false },
): PolicyAnalysis {
  const namespace = obj.kind === "CiliumNetworkPolicy" ? (obj.namespace ?? "default") : undefined;
  const specs: { spec: Raw; index: number | undefined }[] = [];
  if (obj.spec && typeof obj.spec === "object") specs.push({ spec: obj.spec as Raw, index: undefined });
  asArr(obj.specs).forEach((s, i) => specs.push({ spec: s, index: i }));
  const warnings: PolicyProblem[] = [];
  const base = { key: obj.key, kind: obj.kind, namespace, name: obj.name };
  if (specs.length === 0) {
    const message = `Invalid ${obj.kind} spec(s): empty policy`;
    return { ...base, valid: false, message, problems: [{ severity: "error", message }], rules: [] };
  }
  const rules: CompiledRule[] = [];
  try {
    for (const { spec, index } of specs) {
      const hostPolicy = spec.nodeSelector !== undefined && spec.endpointSelector === undefined;
      const logValue = (spec.log as Raw | undefined)?.value;
      const log = typeof logValue === "string" && logValue !== "" ? logValue : undefined;
      rules.push(compileSpec({ obj, opts, namespace, specIndex: index, hostPolicy, warnings, log }, spec));
    }
  } catch (e) {
    if (!(e instanceof RuleError)) throw e;
    return {
      ...base,
      valid: false,
      message: e.message,
      problems: [{ severity: "error", message: e.message }, ...warnings],
      rules: [],
    };
  }
  warnings.push(...fqdnWarnings(specs.map((s) => s.spec)));
  return { ...base, valid: true, message: VALID_MESSAGE, problems: warnings, rules };
}
