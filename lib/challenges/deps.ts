/**
 * Grading runs on a pinned clock and a seeded PRNG: the same submission grades to the same JSON on every
 * server instance and in `npm run grade` (nothing in a grade depends on wall time).
 */

/** The lab "now" of every grade (any fixed instant works; this one matches the headless shell's). */
export const GRADING_CLOCK = Date.UTC(2026, 0, 15, 10, 0, 0);

/** mulberry32: a small seeded PRNG (uids and generated names in a replay). */
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
