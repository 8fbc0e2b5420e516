/**
 * Verdict of one flow between two parties: the source's egress policy, then the egress gateway, then
 * the destination's ingress policy (both must allow a pod-to-pod flow: intro.rst). Host endpoints are
 * checked only with the host firewall on; world has no policy of its own.
 */
import type { Compiled } from "./compile/compiled";

import { decideFast, type L7Payload } from "./decide";
import { tieredDirection, tieredFast } from "./tiers";
import { auditMode } from "./audit";
import { egressGatewayFor } from "./egress-gateway";
import type { Identity } from "./identity";
import { parseIPv4 } from "./ip";
import { cidrSelects } from "./cidr-match-mode";
import { formatLabel } from "./labels";
import type { PeerView } from "./matchers/peer-view";
import type { FlowProto } from "./matchers/ports";
import type { NodeModel } from "./model";
import { type Party, partyIP, partyName, type Target } from "./refs";
import type { DirectionResult, EndpointSummary, MatchRef, Verdict } from "./verdict-types";

const NO_NAMES: ReadonlyMap<string, readonly string[]> = new Map();
const hostKeys = new WeakMap<Identity, string>();
function hostKey(i: Identity): string {
  let k = hostKeys.get(i);
  if (!k) {
    k = `h${i.id}:${i.labels.map(formatLabel).join(",")}`;
    hostKeys.set(i, k);
  }
  return k;
}

export function partyNode(c: Compiled, p: Party): NodeModel | undefined {
  if (p.kind === "host") return p.node;
  if (p.kind === "pod") return c.index.nodes.get(p.pod.node);
  return undefined;
}

/** How `p` looks to an endpoint on `from` (its identity, IP, the names `from`'s agent learned for it). */
export function viewOf(
  c: Compiled,
  p: Party,
  from: NodeModel | undefined,
  names: ReadonlyMap<string, readonly string[]>,
): PeerView {
  if (p.kind === "pod") return c.podView(p.pod);
  if (p.kind === "host") {
    const identity =
      from && from.name === p.node.name ? c.identities.hostView(p.node) : c.identities.remoteNodeView(p.node);
    // policy-cidr-match-mode=nodes: CIDR selectors also select node IPs (Documentation/security/policy/
    // language.rst "Selecting nodes with CIDR / ipBlock"); enable-node-selector-labels: toNodes/fromNodes
    // select the node by its labels. Either way nodes sharing an identity differ, so the key names the node.
    const byIP = cidrSelects(c.world.settings, "nodes");
    const distinct = byIP || c.world.settings.nodeSelectorLabels === true;
    return {
      key: distinct ? `${hostKey(identity)}|${p.node.name}` : hostKey(identity),
      identity,
      ip: p.node.ip,
      ...(byIP ? { worldIP: parseIPv4(p.node.ip) } : {}),
      names: [],
      node: p.node,
      pod: p.pod,
    };
  }
  const identity = c.identities.worldView(p.ip);
  const n = names.get(p.ip) ?? [];
  // The agent is part of the key: explanations of a toFQDNs miss name the node whose cache was read.
  const agent = from?.name;
  return {
    key: `w${p.ip}|${n.join(",")}|${agent ?? ""}`,
    identity,
    ip: p.ip,
    worldIP: parseIPv4(p.ip),
    names: n,
    agent,
  };
}

const labelTexts = new WeakMap<Identity, readonly string[]>();
function labelText(i: Identity): readonly string[] {
  let t = labelTexts.get(i);
  if (!t) {
    t = i.labels.map(formatLabel);
    labelTexts.set(i, t);
  }
  return t;
}

function summary(c: Compiled, p: Party, port: number, seenFrom: NodeModel | undefined): EndpointSummary {
  const v = viewOf(c, p, seenFrom ?? partyNode(c, p), NO_NAMES);
  const pod = p.kind === "pod" ? p.pod : p.kind === "host" ? p.pod : undefined;
  return {
    kind: p.kind,
    name: partyName(p),
    namespace: pod?.namespace,
    pod: pod?.name,
    node: partyNode(c, p)?.name,
    ip: partyIP(p),
    port,
    identity: v.identity.id,
    reserved: v.identity.reserved,
    labels: labelText(v.identity),
  };
}

export interface PairInput {
  readonly src: Party;
  readonly dst: Target;
  readonly srcPort: number;
  readonly proto: FlowProto;
  readonly l7: L7Payload;
  readonly names: ReadonlyMap<string, readonly string[]>;
}

function blocked(r: DirectionResult): boolean {
  return r.outcome === "denied" || r.outcome === "default-deny" || r.outcome === "l7-denied";
}

/** An L3/L4 drop on an endpoint in audit mode is forwarded and reported instead (L7 stays enforced). */
function audit(c: Compiled, p: Party, r: DirectionResult): DirectionResult {
  if ((r.outcome !== "denied" && r.outcome !== "default-deny") || !auditMode(c.world.settings, p)) return r;
  return { ...r, audited: true, reason: `policy audit mode on ${r.subject}: ${r.reason} — audited, not dropped` };
}

export function evaluatePair(c: Compiled, inp: PairInput): Verdict {
  const { src, dst, proto, l7, names } = inp;
  const srcNode = partyNode(c, src);
  const dstNode = partyNode(c, dst.party);
  const source = summary(c, src, inp.srcPort, dstNode);
  const destination = summary(c, dst.party, dst.port, srcNode);
  const steps: DirectionResult[] = [];
  const done = (
    verdict: Verdict["verdict"],
    reason: string,
    matched: MatchRef[],
    extra: Partial<Verdict> = {},
  ): Verdict => ({ verdict, reason, matched, source, destination, steps, ...extra });
  if (src.kind === "host" && dst.party.kind === "host" && src.node.name === dst.party.node.name) {
    return done("allowed", "allowed: traffic stays inside the node's host network namespace", [], {
      snatIP: src.node.ip,
    });
  }
  const dstPod = dst.party.kind === "pod" ? dst.party.pod : dst.party.kind === "host" ? dst.party.pod : undefined;
  // 1. egress of the source
  if (src.kind === "pod" || src.kind === "host") {
    const subj =
      src.kind === "pod"
        ? { kind: "pod" as const, identity: c.podIdentity(src.pod) as Identity }
        : { kind: "host" as const, node: src.node };
    const sp = c.subject(subj, "egress");
    const r = audit(
      c,
      src,
      tieredDirection(c, src.kind === "pod" ? src.pod : undefined, {
        sp,
        subjectName: partyName(src),
        peer: viewOf(c, dst.party, srcNode, names),
        port: dst.port,
        proto,
        dstPorts: dstPod?.ports,
        l7,
        localhost: false,
      }),
    );
    steps.push(r);
    if (!r.audited && blocked(r))
      return done(
        r.outcome === "l7-denied" ? "denied-l7" : "dropped",
        `${r.outcome === "l7-denied" ? "denied-l7" : "dropped"}: ${r.reason}`,
        [...r.matched],
      );
  }
  // 2. egress gateway (pod → outside the cluster)
  let egw: Verdict["egressGateway"];
  let snatIP = src.kind === "pod" ? src.pod.ip : src.kind === "host" ? src.node.ip : src.ip;
  if (src.kind === "pod" && dst.party.kind === "world") {
    snatIP = srcNode?.ip ?? snatIP;
    const d = egressGatewayFor(c, src.pod, dst.party.ip);
    const gref = (name: string): MatchRef => ({
      policy: `CiliumEgressGatewayPolicy ${name}`,
      kind: "CiliumEgressGatewayPolicy",
      name,
      direction: "egress",
      effect: "egress-gateway",
    });
    if (d.kind === "no-gateway") {
      return done(
        "dropped",
        `dropped: egress gateway policy ${d.policy.name} selects ${partyName(src)} for ${dst.party.ip}, but ${d.why}; Cilium drops such traffic`,
        [gref(d.policy.name)],
      );
    }
    if (d.kind === "gateway") {
      snatIP = d.snatIP;
      egw = { policy: d.policy.name, node: d.node.name, snatIP: d.snatIP };
    }
  }
  // 3. ingress of the destination
  if (dst.party.kind === "pod" || dst.party.kind === "host") {
    const subj =
      dst.party.kind === "pod"
        ? { kind: "pod" as const, identity: c.podIdentity(dst.party.pod) as Identity }
        : { kind: "host" as const, node: dst.party.node };
    const sp = c.subject(subj, "ingress");
    const localhost = dst.party.kind === "pod" && src.kind === "host" && src.node.name === dst.party.pod.node;
    const r = audit(
      c,
      dst.party,
      tieredDirection(c, dst.party.kind === "pod" ? dst.party.pod : undefined, {
        sp,
        subjectName: partyName(dst.party),
        peer: viewOf(c, src, dstNode, names),
        port: dst.port,
        proto,
        dstPorts: dstPod?.ports,
        l7,
        localhost,
      }),
    );
    steps.push(r);
    if (!r.audited && blocked(r))
      return done(
        r.outcome === "l7-denied" ? "denied-l7" : "dropped",
        `${r.outcome === "l7-denied" ? "denied-l7" : "dropped"}: ${r.reason}`,
        [...r.matched],
      );
  }
  const matched = steps.flatMap((s) => s.matched);
  const parts = steps.map((s) => s.reason);
  if (egw) {
    parts.push(`leaves through egress gateway ${egw.node} (policy ${egw.policy}) as ${egw.snatIP}`);
    matched.push({
      policy: `CiliumEgressGatewayPolicy ${egw.policy}`,
      kind: "CiliumEgressGatewayPolicy",
      name: egw.policy,
      direction: "egress",
      effect: "egress-gateway",
    });
  }
  const audited = steps.some((s) => s.audited);
  return done(
    "allowed",
    `${audited ? "allowed (audit)" : "allowed"}: ${parts.join("; ") || "no policy applies"}`,
    matched,
    { snatIP, egressGateway: egw, ...(audited ? { audited } : {}) },
  );
}

/**
 * The verdict alone, without explanation (grading loops, the matrix, the benchmark): the same
 * decisions as evaluatePair, none of the text.
 */
export function quickVerdict(c: Compiled, inp: PairInput): Verdict["verdict"] {
  const { src, dst, proto, l7, names } = inp;
  const dp = dst.party;
  if (src.kind === "host" && dp.kind === "host" && src.node.name === dp.node.name) return "allowed";
  // Pod views don't depend on where they are seen from: only look nodes up for host peers.
  const srcNode = dp.kind === "host" ? partyNode(c, src) : undefined;
  const dstNode = src.kind === "host" ? partyNode(c, dp) : undefined;
  const dstPorts = dp.kind === "pod" ? dp.pod.ports : dp.kind === "host" ? dp.pod?.ports : undefined;
  if (src.kind !== "world") {
    const sp =
      src.kind === "pod"
        ? c.subject({ kind: "pod", identity: c.podView(src.pod).identity }, "egress")
        : c.subject({ kind: "host", node: src.node }, "egress");
    const peer = viewOf(c, dp, srcNode, names);
    const o = c.tiers.active
      ? tieredFast(
          c,
          src.kind === "pod" ? src.pod : undefined,
          () => decideFast(c, sp, peer, dst.port, proto, dstPorts, l7, false).outcome,
          "egress",
          peer,
          dst.port,
          proto,
          dstPorts,
        )
      : decideFast(c, sp, peer, dst.port, proto, dstPorts, l7, false).outcome;
    if ((o === "denied" || o === "default-deny") && !auditMode(c.world.settings, src)) return "dropped";
    if (o === "l7-denied") return "denied-l7";
  }
  if (
    src.kind === "pod" &&
    dp.kind === "world" &&
    c.world.settings.egressGateway &&
    egressGatewayFor(c, src.pod, dp.ip).kind === "no-gateway"
  )
    return "dropped";
  if (dp.kind !== "world") {
    const sp =
      dp.kind === "pod"
        ? c.subject({ kind: "pod", identity: c.podView(dp.pod).identity }, "ingress")
        : c.subject({ kind: "host", node: dp.node }, "ingress");
    const localhost = dp.kind === "pod" && src.kind === "host" && src.node.name === dp.pod.node;
    const peer = viewOf(c, src, dstNode, names);
    const o = c.tiers.active
      ? tieredFast(
          c,
          dp.kind === "pod" ? dp.pod : undefined,
          () => decideFast(c, sp, peer, dst.port, proto, dstPorts, l7, localhost).outcome,
          "ingress",
          peer,
          dst.port,
          proto,
          dstPorts,
        )
      : decideFast(c, sp, peer, dst.port, proto, dstPorts, l7, localhost).outcome;
    if ((o === "denied" || o === "default-deny") && !auditMode(c.world.settings, dp)) return "dropped";
    if (o === "l7-denied") return "denied-l7";
  }
  return "allowed";
}
