// Admission control for learner work (grading, lab saves) in front of Next.js, in each server worker.
//
// Every graded attempt costs the worker's main thread several milliseconds (routing, the database, the
// answer) beyond the grading itself, which runs in the job pool. Without a gate, a class pressing Check at
// once is accepted in full: the requests queue inside the event loop, every one of them waits behind all
// the others, and a learner who merely opens the next page waits too (measured: page loads p99 10–18 s
// during a burst). The gate keeps a fixed number of these requests in progress per worker and lets the
// rest wait, unread and costing nothing, for a short while; one that cannot start in time is answered 503
// with Retry-After before any work is done, so nothing was stored and the lab retries it. Pages, static
// files and every other route never pass the gate.

/** @typedef {{ readonly active: number; readonly waitMs: number; readonly maxWaiting: number }} AdmissionLimits */

const positive = (value, fallback) => {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};

/**
 * The gate's limits (environment):
 * | POLICY_LAB_WORK_ACTIVE      | learner-work requests in progress per worker (default 16) |
 * | POLICY_LAB_WORK_WAIT_MS     | how long one may wait for a slot before its 503 (default 300) |
 * | POLICY_LAB_WORK_WAITING     | requests waiting at most; more are refused at once (default 1000) |
 * @returns {AdmissionLimits}
 */
export function admissionLimits(env = process.env) {
  return {
    active: positive(env.POLICY_LAB_WORK_ACTIVE, 16),
    waitMs: positive(env.POLICY_LAB_WORK_WAIT_MS, 300),
    maxWaiting: positive(env.POLICY_LAB_WORK_WAITING, 1000),
  };
}

const ATTEMPTS = /^\/api\/challenges\/([^/?#]+)\/attempts\/?(?:[?#]|$)/;
const LAB = /^\/api\/(?:lessons|challenges)\/[^/?#]+\/lab\/?(?:[?#]|$)/;

/**
 * Which learner work a request is, or null: `grade` for POST …/attempts, `save` for PUT of a lab.
 * @param {string | undefined} method
 * @param {string | undefined} url
 * @returns {"grade" | "save" | null}
 */
export function learnerWork(method, url) {
  if (!url) return null;
  if (attemptSlug(method, url) !== null) return "grade";
  if (method === "PUT" && LAB.test(url)) return "save";
  return null;
}

/**
 * The challenge a graded attempt (POST …/attempts) is for, still percent-encoded, or null for any other
 * request. The fast path (lib/http/fast-path.ts) answers exactly these.
 * @param {string | undefined} method
 * @param {string | undefined} url
 * @returns {string | null}
 */
export function attemptSlug(method, url) {
  if (method !== "POST" || !url) return null;
  return ATTEMPTS.exec(url)?.[1] ?? null;
}

/**
 * At most `limits.active` holders at a time; the others wait in arrival order, each at most
 * `limits.waitMs`. `enter()` resolves with a release function, or with null when the caller must be
 * refused (waited too long, or too many waiting already).
 */
export class AdmissionGate {
  /** @param {AdmissionLimits} limits */
  constructor(limits, timers = { setTimeout, clearTimeout }) {
    this.limits = limits;
    this.timers = timers;
    this.active = 0;
    /** @type {{ admit: () => void; timer: unknown }[]} */
    this.waiting = [];
    this.refused = 0;
  }

  /** @returns {Promise<(() => void) | null>} */
  enter() {
    if (this.active < this.limits.active && this.waiting.length === 0) {
      this.active++;
      return Promise.resolve(this.#release());
    }
    if (this.waiting.length >= this.limits.maxWaiting) {
      this.refused++;
      return Promise.resolve(null);
    }
    return new Promise((resolve) => {
      const entry = {
        admit: () => {
          this.timers.clearTimeout(entry.timer);
          resolve(this.#release());
        },
        timer: this.timers.setTimeout(() => {
          const at = this.waiting.indexOf(entry);
          if (at >= 0) this.waiting.splice(at, 1);
          this.refused++;
          resolve(null);
        }, this.limits.waitMs),
      };
      this.waiting.push(entry);
    });
  }

  /** A release that frees its slot once, however often it is called (a response's finish and close). */
  #release() {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      // The slot passes straight to the next in line, so `active` never drops while someone waits.
      if (next) next.admit();
      else this.active--;
    };
  }
}

/**
 * What a refused request is answered: the API's error shape, never cached, and when to come back.
 * @param {import("node:http").ServerResponse} res
 * @param {"grade" | "save"} work
 */
export function refuseBusy(res, work) {
  const body = JSON.stringify({
    error:
      work === "grade"
        ? "the server is busy grading other learners' work: try again in a few seconds (nothing was recorded)"
        : "the server is busy with other learners' work: your lab will be saved in a few seconds (nothing is lost)",
  });
  res.writeHead(503, {
    "content-type": "application/json",
    "cache-control": "private, no-store",
    "retry-after": "2",
    "x-content-type-options": "nosniff",
    "content-length": Buffer.byteLength(body),
  });
  res.end(body);
}
