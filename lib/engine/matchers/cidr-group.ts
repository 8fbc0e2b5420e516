/**
 * CiliumCIDRGroup resolution for cidrGroupRef / cidrGroupSelector peers. Cilium gives every CIDR of a
 * group the labels `cidrgroup:io.cilium.policy.cidrgroupname/<name>` and `cidrgroup:<k>=<v>` for the
 * group's own labels, and the rule selects those (Documentation/network/kubernetes/ciliumcidrgroup.rst,
 * pkg/policy/api CIDRRule). A group that does not exist (yet) yields no CIDR, so the rule matches nothing
 * until it is created; deleting it takes the CIDRs away again. Group CIDRs are CIDR identities like any
 * other: with the default policy-cidr-match-mode they never select pods or nodes.
 */
import { type Prefix, parsePrefixOrAddr } from "../ip";
import { indexLabels, type LabelIndex, SOURCE_CIDR_GROUP } from "../labels";
import type { CidrGroupModel } from "../model";
import type { Peer } from "../policy/types";
import { selectorMatches } from "../selector";

/** The label every CIDR of a group carries: its name. */
export const LABEL_CIDR_GROUP_NAME = "io.cilium.policy.cidrgroupname";

export interface CidrGroups {
  /** The prefixes a cidrGroup peer selects in this snapshot (memoized per peer). */
  prefixes(p: Extract<Peer, { kind: "cidrGroup" }>): readonly Prefix[];
}

interface Group {
  readonly model: CidrGroupModel;
  readonly labels: LabelIndex;
  readonly prefixes: readonly Prefix[];
}

function groupOf(g: CidrGroupModel): Group {
  const labels = indexLabels([
    { source: SOURCE_CIDR_GROUP, key: `${LABEL_CIDR_GROUP_NAME}/${g.name}`, value: "" },
    ...Object.entries(g.labels).map(([key, value]) => ({ source: SOURCE_CIDR_GROUP, key, value })),
  ]);
  const prefixes: Prefix[] = [];
  for (const c of g.cidrs) {
    const p = parsePrefixOrAddr(c);
    if (p.ok) prefixes.push(p.prefix);
  }
  return { model: g, labels, prefixes };
}

export function cidrGroupIndex(models: readonly CidrGroupModel[]): CidrGroups {
  const groups = models.map(groupOf);
  const memo = new Map<Peer, readonly Prefix[]>();
  return {
    prefixes(p) {
      let out = memo.get(p);
      if (!out) {
        const hit = groups.filter((g) =>
          p.name !== undefined
            ? g.model.name === p.name
            : p.selector !== undefined && selectorMatches(p.selector, g.labels),
        );
        out = hit.flatMap((g) => g.prefixes);
        memo.set(p, out);
      }
      return out;
    },
  };
}
