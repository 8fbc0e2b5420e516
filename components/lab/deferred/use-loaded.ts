"use client";
import { useEffect, useMemo, useState } from "react";
import { NotLoadedYet } from "@/lib/base/deferred";

/**
 * `compute()` for a view, or undefined while the deferred code it needs (lib/base/deferred.ts) is still
 * arriving; the view renders again once it has. `compute` should be memoised (useCallback) on its inputs.
 */
export function useLoaded<T>(compute: () => T): T | undefined {
  const [arrivals, setArrivals] = useState(0);
  const result = useMemo((): { value: T } | { ready: Promise<unknown> } => {
    void arrivals; // recompute once the code has arrived
    try {
      return { value: compute() };
    } catch (error) {
      if (error instanceof NotLoadedYet) return { ready: error.ready };
      throw error;
    }
  }, [compute, arrivals]);
  useEffect(() => {
    if (!("ready" in result)) return;
    let live = true;
    // A failed fetch leaves the view empty rather than retrying in a loop; the next command retries it.
    result.ready.then(
      () => live && setArrivals((n) => n + 1),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [result]);
  return "value" in result ? result.value : undefined;
}
