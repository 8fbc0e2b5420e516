/** Reading untyped manifest JSON (a policy's spec, a stored object) without trusting its shape. */
export type Raw = Record<string, unknown>;

/** `v` if it is an array (of objects, as far as the reader cares), else empty. */
export const asArr = (v: unknown): Raw[] => (Array.isArray(v) ? (v as Raw[]) : []);

/** Keys sorted recursively (Go's map order): equal objects serialise equally, as kubectl's last-applied does. */
export function sortedKeysDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortedKeysDeep);
  if (v && typeof v === "object")
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sortedKeysDeep((v as Raw)[k])]),
    );
  return v;
}
