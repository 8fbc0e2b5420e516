/**
 * Regexes in checks run on RE2 (re2js): linear time whatever the pattern or the input, so neither a
 * learner's command line nor an author's pattern can stall grading. Compiled patterns are memoised
 * (a bounded cache: objectives re-run on every command in the browser).
 */
import type { RE2JS } from "re2js";
import { re2 } from "#re2";

type Compiled = { ok: true; re: RE2JS } | { ok: false; error: string };

const MAX_CACHED = 512;
const cache = new Map<string, Compiled>();

/** Compiles an RE2 pattern (unanchored: `find` semantics, like `grep -E`). */
export function compileRe2(pattern: string): Compiled {
  const hit = cache.get(pattern);
  if (hit) return hit;
  const engine = re2();
  let compiled: Compiled;
  try {
    compiled = { ok: true, re: engine.compile(pattern) };
  } catch (error) {
    compiled = { ok: false, error: (error as Error).message };
  }
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
  cache.set(pattern, compiled);
  return compiled;
}
