/**
 * Command rows whose code is deferred (lib/engine/deferred.ts): the program's table knows their paths, so
 * cobra finds them and completion lists them, and everything else — flags, usage, run — comes from the
 * real row the first time it is read (which may throw NotLoadedYet in the browser).
 */
import type { CommandRow } from "./types";

const samePath = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((w, i) => w === b[i]);

export function deferredRows(paths: readonly (readonly string[])[], load: () => readonly CommandRow[]): CommandRow[] {
  return paths.map((path) => {
    let found: CommandRow | undefined;
    const real = (): CommandRow => {
      found ??= load().find((r) => samePath(r.path, path));
      if (!found) throw new Error(`no deferred row ${path.join(" ")}`);
      return found;
    };
    return {
      path,
      get summary() {
        return real().summary;
      },
      get usage() {
        return real().usage;
      },
      get args() {
        return real().args;
      },
      get flags() {
        return real().flags;
      },
      get rawArgs() {
        return real().rawArgs;
      },
      run: (ctx, flags) => real().run(ctx, flags),
    };
  });
}
