/**
 * Join codes: 8 characters from 30 that cannot be mistaken for one another on a projector (no 0/O, 1/I/L, U),
 * ~39 bits — unguessable under the join rate limit (10 wrong codes per 10 minutes per learner and address).
 * Shown as ABCD-EFGH; typed in any case, with or without the dash.
 */
import { randomInt } from "node:crypto";

export const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
export const CODE_LENGTH = 8;

export function newJoinCode(): string {
  let code = "";
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** The stored form of a typed code (upper case, no dashes or spaces), or null if it cannot be one. */
export function normalizeJoinCode(typed: string): string | null {
  const code = typed.replace(/[\s-]/g, "").toUpperCase();
  if (code.length !== CODE_LENGTH) return null;
  for (const c of code) if (!CODE_ALPHABET.includes(c)) return null;
  return code;
}

export const formatJoinCode = (code: string): string => `${code.slice(0, 4)}-${code.slice(4)}`;
