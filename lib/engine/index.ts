/**
 * lib/engine — pure policy semantics (no I/O, no clock, no randomness). lib/cluster is the API most
 * callers want; this barrel exposes the building blocks it and the tools use.
 */
export * from "./brand";
export * from "./model";
export * from "./verdict-types";
export { compileWorld, analyzePolicy, type Compiled, type SubjectRef, type SubjectPolicy } from "./compile/compiled";
export { buildWorldIndex, serviceBackends, podKey, type WorldIndex, type IPOwner } from "./compile/world-index";
export type { IdentityTable } from "./compile/identities";
export { allocatePodIdentities, podIdentityKey } from "./compile/identities";
export { computeEnforcement, type Enforcement } from "./enforcement";
export { auditMode } from "./audit";
export { cidrSelects, parseCidrMatchMode } from "./cidr-match-mode";
export {
  evaluateFlow,
  evaluateAllPairs,
  learnThroughProxy,
  agentCache,
  dnsServers,
  type FlowSpec,
  type FqdnCache,
  type FqdnCaches,
  type PairVerdict,
  type FlowResult,
} from "./flow";
export { evaluatePair, viewOf, partyNode } from "./verdict";
export { allowLogs } from "./explain-parts";
export { resolveRef, ipParty, partyName, partyIP, type Party, type Target } from "./refs";
export { resolveName, type DnsAnswer } from "./resolve";
export {
  egressGatewayFor,
  egressGatewayMap,
  GATEWAY_NOT_FOUND,
  EXCLUDED_CIDR,
  type EgressDecision,
  type EgressMapEntry,
} from "./egress-gateway";
export { RESERVED, describeIdentity, podIdentityLabels, labelsKey, type Identity, type ReservedName } from "./identity";
export { formatLabel, isIdentityRelevant, indexLabels, k8sLabels, type Label, type LabelIndex } from "./labels";
export { parseSelectorString, type ParsedSelector } from "./selector-syntax";
export { selectorMatches, fromRawSelector, formatRawSelector, type Selector, type RawLabelSelector } from "./selector";
export { normalizeName, dnsPattern, DnsNamePattern } from "./dns";
export { parseIPv4, formatIPv4, parsePrefix } from "./ip";
export type { HttpRequest } from "./matchers/http";
export type { FlowProto } from "./matchers/ports";
export type { PolicyAnalysis, PolicyProblem, CompiledRule, Entry, Direction, Section } from "./policy/types";
export { VALID_MESSAGE } from "./policy/cnp";
export { asArr, sortedKeysDeep, type Raw } from "@/lib/base/raw";
// For lib/insight (impact diff, explain, policy drafting): the fast verdict and the matchers' pieces.
export { quickVerdict, type PairInput } from "./verdict";
export { requirementMatches, type Requirement, type SelectorOp } from "./selector";
export { portMatcher } from "./matchers/ports";
export type { PeerView } from "./matchers/peer-view";
export type { Peer, PortSpec, L7Rules } from "./policy/types";
export { ruleLabel, policyName } from "./explain-parts";
export {
  LABEL_POD_NAMESPACE,
  LABEL_SERVICE_ACCOUNT,
  LABEL_CLUSTER,
  LABEL_NS_LABELS_PREFIX,
  SOURCE_K8S,
  SOURCE_RESERVED,
} from "./labels";
