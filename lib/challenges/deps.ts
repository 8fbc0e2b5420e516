/**
 * Grading runs on a pinned clock and a seeded PRNG: the same submission grades to the same JSON on every
 * server instance and in `npm run grade` (nothing in a grade depends on wall time).
 */

import { LAB_EPOCH, seededRandom } from "@/lib/engine/reproducible";

/** The lab "now" of every grade: the headless shell's, so `npm run grade` and the server agree. */
export const GRADING_CLOCK = LAB_EPOCH;

/** A fresh pinned clock and PRNG for one grade (each grade starts the PRNG over). */
export const gradingDeps = (): { clock: () => number; random: () => number } => ({ clock: () => GRADING_CLOCK, random: seededRandom(1) });
