/**
 * `constraint` checks: rules about the policies in the cluster (all of them, the scenario's starting ones
 * included: the learner may have changed or deleted those). Each rule is one function returning the
 * violations, one line per offending object or peer, so the learner sees exactly what to change.
 */
import { listObjects, policyStatus, type ClusterState, type KubeObject } from "@/lib/cluster";
import { parsePrefix } from "@/lib/engine";
import type { Constraint } from "./schema";
import type { ConstraintDetail } from "./types";
import type { Raw } from "@/lib/engine";

const NETWORK_POLICY_KINDS = ["NetworkPolicy", "CiliumNetworkPolicy", "CiliumClusterwideNetworkPolicy"] as const;
const POLICY_TYPES = [
  "networkpolicies",
  "ciliumnetworkpolicies",
  "ciliumclusterwidenetworkpolicies",
  "ciliumegressgatewaypolicies",
  "clusternetworkpolicies",
] as const;

const isRaw = (v: unknown): v is Raw => typeof v === "object" && v !== null && !Array.isArray(v);

/** Every policy object (NetworkPolicy, CNP, CCNP, CEGP, ClusterNetworkPolicy) in every namespace, sorted. */
function policies(state: ClusterState): KubeObject[] {
  return POLICY_TYPES.flatMap((t) => {
    const r = listObjects(state, t, { allNamespaces: true });
    return r.ok ? r.value : [];
  });
}

const refOf = (o: KubeObject): string =>
  `${o.kind} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ""}${o.metadata.name}`;

/** A CNP/CCNP's rules: `spec` and every entry of `specs`. */
function specsOf(o: KubeObject): Raw[] {
  const out: Raw[] = [];
  if (isRaw(o.spec)) out.push(o.spec);
  if (Array.isArray(o.specs)) for (const s of o.specs) if (isRaw(s)) out.push(s);
  return out;
}

/** Visits every (key, value) pair below `value`, depth first. */
function walk(value: unknown, visit: (key: string, v: unknown) => void): void {
  if (Array.isArray(value)) for (const v of value) walk(v, visit);
  else if (isRaw(value)) {
    for (const [k, v] of Object.entries(value)) {
      visit(k, v);
      walk(v, visit);
    }
  }
}

/** `all` contains every entity; `world-ipv4`/`world-ipv6` are halves of `world` (pkg/policy/api/entity.go). */
function entityCovers(used: string, forbidden: string): boolean {
  const u = used.toLowerCase();
  const f = forbidden.toLowerCase();
  return u === f || u === "all" || (f === "world" && (u === "world-ipv4" || u === "world-ipv6"));
}

function noEntity(state: ClusterState, entity: string): string[] {
  const out: string[] = [];
  for (const o of policies(state)) {
    walk(specsOf(o), (k, v) => {
      if ((k === "fromEntities" || k === "toEntities") && Array.isArray(v)) {
        for (const e of v)
          if (typeof e === "string" && entityCovers(e, entity)) out.push(`${refOf(o)}: ${k} includes "${e}"`);
      }
    });
  }
  return out;
}

/** True when the policy CIDR `outer` covers all of `inner` (IPv4; anything unparsable never covers). */
function covers(outer: string, inner: string): boolean {
  const a = parsePrefix(outer.includes("/") ? outer : `${outer}/32`);
  const b = parsePrefix(inner);
  if (!a.ok || !b.ok || a.prefix.family !== 4 || b.prefix.family !== 4) return false;
  if (a.prefix.bits > b.prefix.bits) return false;
  const mask = a.prefix.bits === 0 ? 0 : (0xffffffff << (32 - a.prefix.bits)) >>> 0;
  return (b.prefix.base & mask) >>> 0 === a.prefix.base;
}

function noCidr(state: ClusterState, cidr: string): string[] {
  const out: string[] = [];
  for (const o of policies(state)) {
    const check = (field: string, value: unknown) => {
      if (typeof value === "string" && covers(value, cidr)) out.push(`${refOf(o)}: ${field} ${value} covers ${cidr}`);
    };
    walk(o.kind === "NetworkPolicy" ? [o.spec] : specsOf(o), (k, v) => {
      if ((k === "fromCIDR" || k === "toCIDR") && Array.isArray(v)) v.forEach((c) => check(k, c));
      if ((k === "fromCIDRSet" || k === "toCIDRSet") && Array.isArray(v))
        v.forEach((s) => isRaw(s) && check(k, s.cidr));
      if (k === "ipBlock" && isRaw(v)) check("ipBlock", v.cidr);
      // A ClusterNetworkPolicy's egress `networks` peer (policy.networking.k8s.io/v1alpha2).
      if (k === "networks" && o.kind === "ClusterNetworkPolicy" && Array.isArray(v)) v.forEach((c) => check(k, c));
    });
  }
  return out;
}

/** An endpointSelector naming `reserved:host` never selects the host (shared acceptance case 37). */
function selectsReservedHost(selector: unknown): boolean {
  if (!isRaw(selector)) return false;
  const labels = isRaw(selector.matchLabels) ? Object.keys(selector.matchLabels) : [];
  const exprs = Array.isArray(selector.matchExpressions)
    ? selector.matchExpressions.filter(isRaw).map((e) => String(e.key))
    : [];
  return [...labels, ...exprs].some((k) => k === "reserved:host" || k === "reserved.host");
}

function hostPolicyUsesNodeSelector(state: ClusterState): string[] {
  const out: string[] = [];
  let hostPolicies = 0;
  for (const o of policies(state)) {
    for (const spec of specsOf(o)) {
      if (selectsReservedHost(spec.endpointSelector)) {
        out.push(
          `${refOf(o)}: endpointSelector with reserved:host selects no node; use nodeSelector in a CiliumClusterwideNetworkPolicy`,
        );
      }
      if (spec.nodeSelector === undefined) continue;
      if (o.kind === "CiliumClusterwideNetworkPolicy") hostPolicies += 1;
      else out.push(`${refOf(o)}: nodeSelector is only valid in a CiliumClusterwideNetworkPolicy`);
    }
  }
  if (hostPolicies === 0) out.push("no host policy: a CiliumClusterwideNetworkPolicy with a nodeSelector");
  return out;
}

function onlyKinds(state: ClusterState, kinds: readonly string[]): string[] {
  return policies(state)
    .filter((o) => !kinds.includes(o.kind))
    .map((o) => `${refOf(o)}: ${o.kind} is not allowed here (use ${kinds.join(" or ")})`);
}

function maxPolicies(state: ClusterState, max: number, kinds: readonly string[]): string[] {
  const counted = policies(state).filter((o) => kinds.includes(o.kind));
  return counted.length <= max
    ? []
    : [`${counted.length} policies (${counted.map(refOf).join(", ")}); at most ${max} allowed`];
}

function noInvalidPolicies(state: ClusterState): string[] {
  return policyStatus(state)
    .filter((p) => !p.valid)
    .map((p) => `${p.kind} ${p.namespace ? `${p.namespace}/` : ""}${p.name}: VALID=False: ${p.message}`);
}

function violations(state: ClusterState, c: Constraint): string[] {
  switch (c.rule) {
    case "only-kinds":
      return onlyKinds(state, c.kinds);
    case "max-policies":
      return maxPolicies(state, c.max, c.kinds ?? NETWORK_POLICY_KINDS);
    case "no-entity":
      return noEntity(state, c.entity);
    case "no-invalid-policies":
      return noInvalidPolicies(state);
    case "host-policy-uses-node-selector":
      return hostPolicyUsesNodeSelector(state);
    case "no-cidr":
      return noCidr(state, c.cidr);
    default:
      return assertNever(c);
  }
}

function assertNever(x: never): never {
  throw new Error(`unhandled constraint ${JSON.stringify(x)}`);
}

const SUMMARY: Readonly<Record<Constraint["rule"], (c: Constraint) => string>> = {
  "only-kinds": (c) => `only ${(c as { kinds: string[] }).kinds.join(", ")} may be used`,
  "max-policies": (c) => `at most ${(c as { max: number }).max} policies`,
  "no-entity": (c) => `no rule may use the entity "${(c as { entity: string }).entity}"`,
  "no-invalid-policies": () => "every policy is valid (VALID=True)",
  "host-policy-uses-node-selector": () => "host policies select nodes with nodeSelector",
  "no-cidr": (c) => `no CIDR rule may cover ${(c as { cidr: string }).cidr}`,
};

/** Evaluates one constraint on a snapshot. */
export function evaluateConstraint(state: ClusterState, c: Constraint): ConstraintDetail {
  const found = violations(state, c);
  const summary = SUMMARY[c.rule](c);
  return {
    kind: "constraint",
    rule: c.rule,
    passed: found.length === 0,
    violations: found,
    message:
      found.length === 0
        ? `${summary}: holds`
        : `${summary}: ${found.length} violation${found.length === 1 ? "" : "s"}`,
  };
}
