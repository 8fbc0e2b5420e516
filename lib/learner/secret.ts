/**
 * The server secret that signs learner cookies. Every process and instance serving the same learners must
 * share it: POLICY_LAB_SECRET when set (required when several machines share one PostgreSQL), otherwise a
 * random one generated on first start and kept in `data/learner-secret` (created exclusively, so the
 * workers of `npm start` that race at start-up all end up reading the one that won). Losing the file signs
 * everyone out of their anonymous progress, like clearing cookies would.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const MIN_LENGTH = 32;

let cached: string | null = null;

/** The secret's file when no POLICY_LAB_SECRET is set. */
export function secretFile(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return path.resolve(env.POLICY_LAB_DATA_DIR ?? path.join(process.cwd(), "data"), "learner-secret");
}

function fromFile(file: string): string {
  try {
    return readFileSync(file, "utf8").trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    writeFileSync(file, `${randomBytes(32).toString("base64url")}\n`, { flag: "wx", mode: 0o600 });
  } catch (error) {
    // Another worker created it first: theirs is the secret.
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return readFileSync(file, "utf8").trim();
}

/** The learner-cookie secret (read once per process). */
export function learnerSecret(env: Readonly<Record<string, string | undefined>> = process.env): string {
  if (cached !== null) return cached;
  const configured = env.POLICY_LAB_SECRET?.trim();
  if (configured !== undefined && configured !== "") {
    if (configured.length < MIN_LENGTH) throw new Error(`POLICY_LAB_SECRET must be at least ${MIN_LENGTH} characters`);
    cached = configured;
  } else {
    if (/^postgres(ql)?:/.test(env.DATABASE_URL ?? "")) {
      console.warn(
        "policy-lab: POLICY_LAB_SECRET is not set; learner cookies are signed with data/learner-secret, which instances on other machines do not share",
      );
    }
    const secret = fromFile(secretFile(env));
    if (secret.length < MIN_LENGTH)
      throw new Error(`${secretFile(env)}: the learner secret is too short; delete the file to generate a new one`);
    cached = secret;
  }
  return cached;
}
