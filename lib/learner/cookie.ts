/**
 * The anonymous learner's cookie: `<id>.<signature>`, where the id is a random v4 UUID the server chose and
 * the signature is HMAC-SHA256(secret, id) in base64url. Only ids this site issued verify, so a client
 * cannot mint learners (and with them fresh per-learner rate limits) by sending made-up ids. Web Crypto
 * only, so the proxy and the route handlers share it.
 */
export const LEARNER_COOKIE = "pl_learner";

/** 400 days: the longest lifetime browsers accept for a cookie. */
export const LEARNER_COOKIE_MAX_AGE = 400 * 24 * 60 * 60;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const SIGNATURE = /^[A-Za-z0-9_-]{43}$/;

/** True for the shape of ids we issue (random v4 UUIDs). */
export function isLearnerId(value: string | undefined): value is string {
  return value !== undefined && UUID.test(value);
}

const keys = new Map<string, Promise<CryptoKey>>();

function keyFor(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
      "sign",
      "verify",
    ]);
    keys.set(secret, key);
  }
  return key;
}

const base64url = (bytes: ArrayBuffer) => Buffer.from(bytes).toString("base64url");

/** The cookie value for `id`. */
export async function signLearnerId(id: string, secret: string): Promise<string> {
  return `${id}.${base64url(await crypto.subtle.sign("HMAC", await keyFor(secret), new TextEncoder().encode(id)))}`;
}

/**
 * Cookie values that verified, by secret: every API request carries the cookie, and Web Crypto's HMAC
 * verify cost the server's request thread ~0.5 ms each under a class's burst (measured, issue 10). Only
 * values this site signed get in (a forger cannot fill it), the secret is part of the key (a new secret
 * verifies afresh), and it is bounded, oldest first out.
 */
const verified = new Map<string, string>();
const VERIFIED_MAX = 20_000;

function rememberVerified(key: string, id: string): void {
  if (verified.size >= VERIFIED_MAX) verified.delete(verified.keys().next().value as string);
  verified.set(key, id);
}

/** The learner id in a cookie value if this site signed it, else null (unsigned, forged or malformed). */
export async function verifyLearnerCookie(value: string | undefined, secret: string): Promise<string | null> {
  if (value === undefined) return null;
  const key = `${secret}\u0000${value}`;
  const known = verified.get(key);
  if (known !== undefined) return known;
  const dot = value.indexOf(".");
  if (dot < 0) return null;
  const id = value.slice(0, dot);
  const signature = value.slice(dot + 1);
  if (!isLearnerId(id) || !SIGNATURE.test(signature)) return null;
  // crypto.subtle.verify compares in constant time.
  const ok = await crypto.subtle.verify(
    "HMAC",
    await keyFor(secret),
    Buffer.from(signature, "base64url"),
    new TextEncoder().encode(id),
  );
  if (!ok) return null;
  rememberVerified(key, id);
  return id;
}
