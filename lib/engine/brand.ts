/** Branded primitive types: made only by their constructor functions (STYLE rule 3). */
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

/** A Cilium security identity (numeric, as printed by `cilium-dbg identity list`). */
export type IdentityId = Brand<number, "IdentityId">;
export const identityId = (n: number): IdentityId => n as IdentityId;

/** Stable key of a stored policy object: `Kind/namespace/name` (namespace empty for cluster-scoped kinds). */
export type PolicyKey = Brand<string, "PolicyKey">;
export const policyKey = (kind: string, namespace: string | undefined, name: string): PolicyKey =>
  `${kind}/${namespace ?? ""}/${name}` as PolicyKey;

/** Exhaustiveness guard for discriminated unions. */
export function assertNever(x: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(x)}`);
}

/** Compare strings by UTF-16 code units (Go's string order), never locale-dependent. */
export function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
