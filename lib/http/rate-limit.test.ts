import { describe, expect, it } from "vitest";
import { RateLimiter } from "./rate-limit";

describe("RateLimiter", () => {
  it("never lets more than max through in any window, across window boundaries", () => {
    const limiter = new RateLimiter({ max: 5, windowMs: 60_000 });
    // Requests spread over time, including just before and just after a window boundary.
    const times = [59_000, 59_500, 59_900, 59_950, 59_990, 60_010, 60_500, 61_000];
    const allowed = times.filter((t) => limiter.take("a", t).allowed);
    expect(allowed).toEqual([59_000, 59_500, 59_900, 59_950, 59_990]);
    // Once the previous window has slid out, the key may go on.
    expect(limiter.take("a", 119_999).allowed).toBe(true);
  });

  it("keeps keys apart and says when to come back", () => {
    const limiter = new RateLimiter({ max: 1, windowMs: 10_000 });
    expect(limiter.take("a", 1000)).toEqual({ allowed: true });
    expect(limiter.take("a", 2000)).toEqual({ allowed: false, retryAfterSeconds: 8 });
    expect(limiter.take("b", 2000)).toEqual({ allowed: true });
  });
});
