/**
 * A browser binding for a `Deferred` (lib/base/deferred.ts): the module is fetched on the first call that
 * needs it, which throws `NotLoadedYet` until it has arrived. A failed fetch is reported to that call's
 * caller and tried again on the next one.
 */
import { NotLoadedYet, type Deferred } from "@/lib/base/deferred";

export function deferredImport<T>(name: string, load: () => Promise<T>): Deferred<T> {
  let state: { kind: "idle" } | { kind: "loading"; ready: Promise<unknown> } | { kind: "loaded"; value: T } = {
    kind: "idle",
  };
  return () => {
    if (state.kind === "loaded") return state.value;
    if (state.kind === "idle") {
      const ready = load().then(
        (value) => {
          state = { kind: "loaded", value };
        },
        (error: unknown) => {
          state = { kind: "idle" };
          throw new Error(
            `could not load ${name} (${error instanceof Error ? error.message : String(error)}); check the connection and run the command again`,
          );
        },
      );
      state = { kind: "loading", ready };
    }
    throw new NotLoadedYet(name, state.ready);
  };
}
