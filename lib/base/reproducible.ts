/** What makes a lab reproducible (headless shell, grading, generated tests): a pinned "now" and a seeded PRNG. */

/** The lab "now" of headless sessions and of every grade: 2026-01-15T10:00:00Z. */
export const LAB_EPOCH = Date.UTC(2026, 0, 15, 10, 0, 0);

/** mulberry32: a small seeded PRNG (uids, ports, generated names, jitter). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The one determinism recipe of the server and the headless tools (grades, lesson saves, `npm run grade`,
 * `engine:eval`): the pinned lab "now" and a PRNG seeded afresh for each run, so the same input gives the same
 * JSON on every instance. (The browser's lab runs on the real clock instead.)
 */
export function reproducibleDeps(seed = 1): { clock: () => number; random: () => number } {
  return { clock: () => LAB_EPOCH, random: seededRandom(seed) };
}
