/**
 * Peer selectors of CNP/CCNP rules, translated the way Cilium's k8s layer does it
 * (pkg/k8s/apis/cilium.io/utils/utils.go getEndpointSelector):
 * - selector keys without a source get `any:`;
 * - a selector with a `reserved:` key is left alone (reserved:host as a peer = the host entity);
 * - in a namespaced CNP, a peer without a namespace key and without `io.cilium.k8s.namespace.labels.*`
 *   keys is limited to the policy's namespace;
 * - in a CCNP, such a peer gets `k8s:io.kubernetes.pod.namespace` Exists (pods only, never world/host).
 */
import { parsePrefix, parsePrefixOrAddr, prefixContainsPrefix } from "../ip";
import {
  LABEL_NS_LABELS_PREFIX,
  LABEL_POD_NAMESPACE,
  SOURCE_ANY,
  SOURCE_CIDR_GROUP,
  SOURCE_K8S,
  SOURCE_RESERVED,
} from "../labels";
import {
  fromRawSelector,
  type RawLabelSelector,
  type Selector,
  selectorHasKey,
  selectorHasKeyPrefix,
  selectorHasSource,
  withRequirement,
} from "../selector";
import { dnsPattern } from "../dns";
import { checkDnsMatch } from "./ports";
import type { Peer } from "./types";
import { asArr, type Raw } from "@/lib/base/raw";

/** The entities Cilium knows (pkg/policy/api/entity.go EntitySelectorMapping). */
export const ENTITIES = [
  "all",
  "world",
  "cluster",
  "host",
  "init",
  "ingress",
  "unmanaged",
  "remote-node",
  "health",
  "none",
  "kube-apiserver",
] as const;

export function peerSelector(raw: RawLabelSelector | undefined, namespace: string | undefined): Selector {
  const es = fromRawSelector(raw);
  if (selectorHasSource(es, SOURCE_RESERVED)) return es;
  if (selectorHasKey(es, SOURCE_K8S, LABEL_POD_NAMESPACE)) return es;
  if (namespace === undefined) {
    return withRequirement(es, { source: SOURCE_K8S, key: LABEL_POD_NAMESPACE, op: "Exists", values: [] });
  }
  if (selectorHasKeyPrefix(es, SOURCE_ANY, LABEL_NS_LABELS_PREFIX)) return es;
  return withRequirement(es, { source: SOURCE_K8S, key: LABEL_POD_NAMESPACE, op: "In", values: [namespace] });
}

export type PeersResult = { ok: true; peers: Peer[] | undefined } | { ok: false; error: string };

const INGRESS_FIELDS = ["fromEndpoints", "fromCIDR", "fromCIDRSet", "fromEntities", "fromNodes", "fromGroups"] as const;
const EGRESS_FIELDS = [
  "toCIDR",
  "toCIDRSet",
  "toEndpoints",
  "toEntities",
  "toServices",
  "toFQDNs",
  "toGroups",
  "toNodes",
] as const;

/**
 * CIDRRule.Validate (pkg/policy/api/rule_validation.go, 1.20): exactly one of cidr, cidrGroupRef and
 * cidrGroupSelector; a group reference is a selector, so `except` is not checked (nor applied) with it.
 * The group is looked up per snapshot, by name or by its labels (source cidrgroup:).
 */
function cidrRulePeer(c: Raw): Peer | string {
  const text = String(c.cidr ?? "");
  const ref = typeof c.cidrGroupRef === "string" ? c.cidrGroupRef : "";
  const sel = c.cidrGroupSelector as RawLabelSelector | undefined;
  const set = [text !== "", ref !== "", sel !== undefined && sel !== null].filter(Boolean).length;
  if (set === 0) return "one of cidr, cidrGroupRef, or cidrGroupSelector is required";
  if (set > 1) return "more than one of cidr, cidrGroupRef, or cidrGroupSelector may not be set";
  if (ref !== "") return { kind: "cidrGroup", name: ref, text: `cidrGroupRef ${ref}` };
  if (sel) {
    const selector = fromRawSelector(sel, SOURCE_CIDR_GROUP);
    return { kind: "cidrGroup", selector, text: `cidrGroupSelector {${selector.key}}` };
  }
  const p = parsePrefix(text);
  if (!p.ok) return `Unable to parse CIDRRule ${JSON.stringify(text)}: ${p.error}`;
  const except = [];
  for (const e of Array.isArray(c.except) ? c.except : []) {
    const ep = parsePrefix(String(e));
    if (!ep.ok) return ep.error;
    if (!prefixContainsPrefix(p.prefix, ep.prefix))
      return `allow CIDR prefix ${text} does not contain exclude CIDR prefix ${String(e)}`;
    except.push(ep.prefix);
  }
  return { kind: "cidr", prefix: p.prefix, except, text };
}

/**
 * Collect a rule's peers. `undefined` = no L3 field was given at all (Cilium then wildcards L3 when
 * toPorts is present); `[]` = fields given but empty, which selects nothing (rule_test.go Case1B).
 */
export function collectPeers(rule: Raw, dir: "ingress" | "egress", namespace: string | undefined): PeersResult {
  const fields = dir === "ingress" ? INGRESS_FIELDS : EGRESS_FIELDS;
  const given = fields.filter((f) => rule[f] !== undefined && rule[f] !== null);
  const nonEmpty = given.filter((f) => asArr(rule[f]).length > 0);
  // Cilium: "Combining %s and %s is not supported yet" (IngressRule/EgressRule.sanitize).
  const goName = (f: string | undefined) => (f ?? "").charAt(0).toUpperCase() + (f ?? "").slice(1);
  if (nonEmpty.length > 1)
    return { ok: false, error: `Combining ${goName(nonEmpty[0])} and ${goName(nonEmpty[1])} is not supported yet` };
  if (given.length === 0) return { ok: true, peers: undefined };
  const peers: Peer[] = [];
  for (const f of given) {
    for (const item of asArr(rule[f])) {
      const p = onePeer(f, item, namespace);
      if (typeof p === "string") return { ok: false, error: p };
      peers.push(p);
    }
  }
  return { ok: true, peers };
}

function onePeer(field: string, item: unknown, namespace: string | undefined): Peer | string {
  switch (field) {
    case "fromEndpoints":
    case "toEndpoints": {
      const sel = peerSelector(item as RawLabelSelector, namespace);
      return { kind: "endpoints", selector: sel, text: sel.key };
    }
    case "fromEntities":
    case "toEntities": {
      const e = String(item);
      if (!(ENTITIES as readonly string[]).includes(e)) return `unsupported entity: ${e}`;
      return { kind: "entity", entity: e };
    }
    case "fromCIDR":
    case "toCIDR": {
      const p = parsePrefixOrAddr(String(item));
      if (!p.ok) return `unable to parse CIDR: ${p.error}`;
      return { kind: "cidr", prefix: p.prefix, except: [], text: String(item) };
    }
    case "fromCIDRSet":
    case "toCIDRSet":
      return cidrRulePeer(item as Raw);
    case "toFQDNs": {
      const r = item as Raw;
      const name = String(r.matchName ?? "");
      const pattern = String(r.matchPattern ?? "");
      const err = checkDnsMatch(name, pattern);
      if (err) return err;
      const re = name !== "" ? dnsPattern(name, true) : dnsPattern(pattern, false);
      return { kind: "fqdn", matchName: name || undefined, matchPattern: pattern || undefined, re };
    }
    case "toServices": {
      const r = item as Raw;
      const svc = r.k8sService as Raw | undefined;
      const ss = r.k8sServiceSelector as Raw | undefined;
      if (svc)
        return {
          kind: "service",
          namespace: String(svc.namespace ?? namespace ?? "default"),
          name: String(svc.serviceName ?? ""),
        };
      if (ss)
        return {
          kind: "service",
          namespace: String(ss.namespace ?? namespace ?? "default"),
          selector: fromRawSelector(ss.selector as RawLabelSelector),
        };
      return "toServices entry needs k8sService or k8sServiceSelector";
    }
    case "fromNodes":
    case "toNodes": {
      const selector = fromRawSelector(item as RawLabelSelector);
      return { kind: "nodes", selector };
    }
    default:
      return `${field} is not supported by this simulator`;
  }
}
