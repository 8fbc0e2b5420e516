/**
 * policy-cidr-match-mode (pkg/option, a string slice; Documentation/security/policy/language.rst
 * "Selecting nodes with CIDR / ipBlock"): which in-cluster peers CIDR selectors may select besides
 * addresses outside the cluster — `nodes`, and from 1.20 `pods`.
 */
import type { CidrMatchMode, Settings } from "./model";

export function cidrSelects(s: Settings, what: "nodes" | "pods"): boolean {
  return (s.policyCidrMatchMode ?? "").split(" ").includes(what);
}

/** Parse a value (`nodes`, `pods`, `nodes,pods`, `nodes pods`, helm's `{nodes,pods}`); undefined if invalid. */
export function parseCidrMatchMode(v: string): CidrMatchMode | undefined {
  const items = v
    .replace(/^\{|\}$/g, "")
    .split(/[\s,]+/)
    .filter((x) => x !== "");
  if (items.some((x) => x !== "nodes" && x !== "pods")) return undefined;
  return [...new Set(items)].sort().join(" ") as CidrMatchMode;
}
