import "server-only";
/**
 * Instructor sessions, stored in the database: the cookie holds a random token; the table holds its SHA-256
 * (so reading the table signs no one in). Sessions last 12 hours — one workshop day — and end at sign-out.
 */
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "@/lib/db";
import type { InstructorDto } from "./instructors";

export const SESSION_COOKIE = "pl_instructor";
export const SESSION_TTL_MS = 12 * 60 * 60_000;

const idOf = (token: string) => createHash("sha256").update(token).digest("hex");

/** Tokens we issued: 32 random bytes, base64url. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export async function createSession(
  db: Db,
  instructorId: string,
  now: Date,
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await db.instructorSession.create({ data: { id: idOf(token), instructorId, expiresAt } });
  // Expired sessions of this instructor go when they sign in again; nothing else needs a sweeper.
  await db.instructorSession.deleteMany({ where: { instructorId, expiresAt: { lte: now } } });
  return { token, expiresAt };
}

/** The instructor signed in with this token, or null (unknown, malformed or expired). */
export async function instructorForToken(db: Db, token: string | undefined, now: Date): Promise<InstructorDto | null> {
  if (!token || !TOKEN.test(token)) return null;
  const row = await db.instructorSession.findUnique({
    where: { id: idOf(token) },
    include: { instructor: { select: { id: true, email: true } } },
  });
  if (!row || row.expiresAt <= now) return null;
  return { id: row.instructor.id, email: row.instructor.email };
}

export async function deleteSession(db: Db, token: string | undefined): Promise<void> {
  if (!token || !TOKEN.test(token)) return;
  await db.instructorSession.deleteMany({ where: { id: idOf(token) } });
}
