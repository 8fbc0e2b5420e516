/** The dashboard's stuck rules from query parameters (?idle=MINUTES&failures=K), or a 400 message. */
import { DEFAULT_STUCK, type StuckRules } from "./dashboard";

export function stuckRulesFrom(
  params: URLSearchParams,
): { ok: true; rules: StuckRules } | { ok: false; message: string } {
  const read = (name: string, fallback: number, max: number) => {
    const raw = params.get(name);
    if (raw === null || raw === "") return fallback;
    const n = Number(raw);
    return Number.isInteger(n) && n >= 1 && n <= max ? n : null;
  };
  const idleMinutes = read("idle", DEFAULT_STUCK.idleMinutes, 600);
  if (idleMinutes === null) return { ok: false, message: "idle must be a whole number of minutes from 1 to 600" };
  const failedAttempts = read("failures", DEFAULT_STUCK.failedAttempts, 100);
  if (failedAttempts === null) return { ok: false, message: "failures must be a whole number from 1 to 100" };
  return { ok: true, rules: { idleMinutes, failedAttempts } };
}
