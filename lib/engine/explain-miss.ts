/**
 * Why an allow rule did NOT match a flow, for the default-deny explanation (our addition: real Hubble
 * cannot attribute a default-deny drop). Only runs on the explained path, never in the hot loop.
 * "Nearest" = the rule that failed on the fewest counts (peer, port); ties keep rule order.
 */
import type { Compiled } from "./compile/compiled";
import { ruleLabel, svcText } from "./explain-parts";
import { formatIPv4 } from "./ip";
import { indexLabels, k8sLabels } from "./labels";
import type { PeerView } from "./matchers/peer-view";
import { type FlowProto, portMatcher } from "./matchers/ports";
import type { ContainerPort } from "./model";
import type { Entry, Peer, PortSpec } from "./policy/types";
import { requirementMatches, requirementText } from "./selector";

function portText(p: PortSpec): string {
  if (p.protocol === "ICMP") return "ICMP";
  const port = p.name ?? (p.port === 0 ? "any port" : p.endPort > p.port ? `${p.port}-${p.endPort}` : String(p.port));
  return `${p.protocol}/${port}`;
}

const peerTexts = new WeakMap<Peer, string>();
/** What the peer side of a rule says, in the words of the manifest (cached per compiled peer). */
export function peerRuleText(p: Peer): string {
  let t = peerTexts.get(p);
  if (t === undefined) peerTexts.set(p, (t = peerRuleTextOf(p)));
  return t;
}

function peerRuleTextOf(p: Peer): string {
  switch (p.kind) {
    case "all":
      return "any peer";
    case "endpoints":
      return `endpoints {${p.selector.key}}`;
    case "entity":
      return `entity ${p.entity}`;
    case "cidr":
      return `CIDR ${p.text}`;
    case "cidrGroup":
      return p.text;
    case "fqdn":
      return p.matchName !== undefined
        ? `toFQDNs matchName ${p.matchName}`
        : `toFQDNs matchPattern ${p.matchPattern ?? ""}`;
    case "service":
      return `service ${p.namespace}/${p.name ?? "(selector)"}`;
    case "nodes":
      return `nodes {${p.selector.key}}`;
  }
}

/** Why the peer failed this rule's peer term. */
function peerMiss(p: Peer, peer: PeerView): string {
  switch (p.kind) {
    case "nodes": {
      if (peer.node === undefined) return "the peer is not a node";
      const labels = indexLabels(k8sLabels(peer.node.labels));
      const r = p.selector.requirements.find((x) => !requirementMatches(x, labels));
      return r ? `node ${peer.node.name} fails ${requirementText(r)}` : "the node does not match the selector";
    }
    case "endpoints": {
      const r = p.selector.requirements.find((x) => !requirementMatches(x, peer.identity.index));
      return r ? `the peer fails ${requirementText(r)}` : "the peer does not match the selector";
    }
    case "entity":
      return `the peer is not the ${p.entity} entity`;
    case "cidr":
      return peer.worldIP === undefined
        ? `${peer.ip} is inside the cluster, and CIDR rules match pods and nodes only when policy-cidr-match-mode includes pods or nodes`
        : `${peer.ip} is outside ${p.text}${p.except.length > 0 ? " or in an except range" : ""}`;
    case "cidrGroup":
      return peer.worldIP === undefined
        ? `${peer.ip} is inside the cluster, and CIDR rules match pods and nodes only when policy-cidr-match-mode includes pods or nodes`
        : `${peer.ip} is in no CIDR of the CiliumCIDRGroup(s) that ${p.text} selects (a group that does not exist matches nothing)`;
    case "fqdn":
      return fqdnMiss(peer, [p]);
    case "service":
      return "the peer is not a backend of that service";
    case "all":
      return "";
  }
}

/** `api.partner.io`, `a name matching *.github.com` — what toFQDNs peers wait for. */
function wantedNames(rules: readonly Peer[]): string {
  const ws = rules.flatMap((p) =>
    p.kind !== "fqdn"
      ? []
      : [p.matchName !== undefined ? p.matchName : `a name matching ${p.matchPattern ?? ""}`.trimEnd()],
  );
  return [...new Set(ws)].join(" or ");
}

/**
 * toFQDNs looks only at the names the subject's agent learned for the destination IP: answers to any
 * pod on that node count, answers seen by other nodes' agents do not (layer7.rst "DNS Proxy").
 */
export function fqdnMiss(peer: PeerView, rules: readonly Peer[]): string {
  if (peer.worldIP === undefined) return `${peer.ip} is inside the cluster; toFQDNs only selects IPs outside it`;
  const agent = peer.agent !== undefined ? `the agent on node ${peer.agent}` : "no Cilium agent";
  if (peer.names.length === 0) {
    return `no DNS answer for ${wantedNames(rules)} was seen by ${agent}, so it has learned no name for ${formatIPv4(peer.worldIP)}: an agent learns from the lookups pods on its node make through its DNS proxy (an egress rule on port 53 with rules.dns)`;
  }
  return `${agent} learned ${formatIPv4(peer.worldIP)} as ${peer.names.join(", ")}, which does not match ${wantedNames(rules)}`;
}

const portsTexts = new WeakMap<Entry, string>();
function portsText(e: Entry): string {
  let t = portsTexts.get(e);
  if (t === undefined) portsTexts.set(e, (t = (e.ports ?? []).map(portText).join(", ")));
  return t;
}

const entryTexts = new WeakMap<Entry, string>();
/** `endpoints {…} on TCP/80` — the rule's peer and ports. */
function entryText(e: Entry): string {
  let t = entryTexts.get(e);
  if (t === undefined) entryTexts.set(e, (t = `${peerRuleText(e.peer)}${e.ports ? ` on ${portsText(e)}` : ""}`));
  return t;
}

export interface Miss {
  readonly entry: Entry;
  readonly text: string;
}

/** The allow rule closest to matching, and what failed; undefined when there are no allow rules. */
export function nearestMiss(
  c: Compiled,
  allows: readonly Entry[],
  peer: PeerView,
  port: number,
  proto: FlowProto,
  dstPorts: readonly ContainerPort[] | undefined,
): Miss | undefined {
  let best: { e: Entry; score: number; peerOk: boolean } | undefined;
  for (const e of allows) {
    const peerOk = c.cachedMatch(e.peer, peer);
    const portOk = !e.ports || e.ports.some((p) => portMatcher.allows(p, port, proto, dstPorts));
    const score = (peerOk ? 0 : 1) + (portOk ? 0 : 1);
    if (score === 0) continue;
    if (!best || score < best.score) best = { e, score, peerOk };
    // 0 would have matched, so 1 is the best possible: the first such rule is the nearest.
    if (score === 1) break;
  }
  if (!best) return undefined;
  const e = best.e;
  const parts: string[] = [];
  if (!best.peerOk) parts.push(peerMiss(e.peer, peer));
  const portOk = !e.ports || e.ports.some((p) => portMatcher.allows(p, port, proto, dstPorts));
  if (!portOk) parts.push(`${svcText(proto, port)} is not in its ports (${portsText(e)})`);
  const what = entryText(e);
  return { entry: e, text: `nearest rule ${ruleLabel(e)} allows ${what}, but ${parts.join(" and ")}` };
}
