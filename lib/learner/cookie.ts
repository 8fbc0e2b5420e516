/** The anonymous learner's cookie: a random id, no login wall. Shared by the proxy and the server code. */
export const LEARNER_COOKIE = "pl_learner";

/** 400 days: the longest lifetime browsers accept for a cookie. */
export const LEARNER_COOKIE_MAX_AGE = 400 * 24 * 60 * 60;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** True for ids we issued (random v4 UUIDs); anything else in the cookie is replaced. */
export function isLearnerId(value: string | undefined): value is string {
  return value !== undefined && UUID.test(value);
}
