/**
 * Commands as declarations and implementations. A declaration (path, summary, usage, argument kind, flags) is
 * eager: cobra resolves the command, `--help` prints it and Tab completes it without the command's code. The
 * implementation is looked up by the declaration's key (its path, words joined by spaces) the first time the
 * command runs; for the deferred tools that lookup may throw NotLoadedYet in the browser (lib/base/deferred.ts).
 * The types hold the two sides equal: every declared key has exactly one implementation, and no other.
 */
import type { CommandRow, CommandRun } from "./types";

/** A command's declaration, with its key: `declare("kubectl rollout status", …)` has path ["kubectl", "rollout", "status"]. */
export type Declared<K extends string = string> = Omit<CommandRow, "run"> & { readonly key: K };

export function declare<K extends string>(key: K, decl: Omit<CommandRow, "run" | "path">): Declared<K> {
  return { key, path: key.split(" "), ...decl };
}

/** The implementations of the commands keyed `K`: one per key. */
export type Implementations<K extends string> = { readonly [P in K]: CommandRun };

/** Runnable rows for `decls`: a command's code comes from `load()` when it first runs. */
export function lazyRows<K extends string>(
  decls: readonly Declared<K>[],
  load: () => Implementations<K>,
): CommandRow[] {
  return decls.map(({ key, ...decl }) => ({ ...decl, run: (ctx, flags) => load()[key](ctx, flags) }));
}
