/**
 * The attempt request body, parsed at the boundary: `{ journal, commands }` (what the lab did, as
 * lib/cluster journals it) or `{ manifests, commands }` (a YAML file, as `npm run grade` takes). Unknown
 * fields are rejected: a body that claims its own result (`passed`, `score`, `result`…) is a 400, never read.
 */
import * as z from "zod";
import { parseJournal } from "@/lib/cluster";
import type { Submission } from "@/lib/grading";

/** Request bodies above this are refused with 413 before parsing. */
export const MAX_ATTEMPT_BYTES = 256 * 1024;

/** The command history is kept for the record (a heredoc line can hold a whole policy); the body limit bounds it. */
const commandsSchema = z.array(z.string().max(64 * 1024, "a command is limited to 64 KB")).max(2000, "at most 2000 commands");

const bodySchema = z.union([
  z.strictObject({ journal: z.array(z.unknown()), commands: commandsSchema }),
  z.strictObject({ manifests: z.string().max(MAX_ATTEMPT_BYTES), commands: commandsSchema.default([]) }),
]);

/** The stored form of a submission (what the learner sent, normalised). */
export type StoredSubmission =
  | { readonly journal: readonly unknown[]; readonly commands: readonly string[] }
  | { readonly manifests: string; readonly commands: readonly string[] };

export type ParsedAttempt = { ok: true; submission: Submission; stored: StoredSubmission } | { ok: false; error: string };

function describe(error: z.ZodError, body: unknown): string {
  const keys = typeof body === "object" && body !== null && !Array.isArray(body) ? Object.keys(body) : [];
  const extra = keys.filter((k) => !["journal", "manifests", "commands"].includes(k));
  if (extra.length > 0) return `unexpected field${extra.length > 1 ? "s" : ""} ${extra.map((k) => JSON.stringify(k)).join(", ")}: send only { journal, commands } or { manifests, commands }`;
  if (typeof body !== "object" || body === null || Array.isArray(body)) return "the body must be a JSON object { journal, commands }";
  if (!("journal" in body) && !("manifests" in body)) return "missing field \"journal\" (or \"manifests\")";
  if ("journal" in body && "manifests" in body) return "send either \"journal\" or \"manifests\", not both";
  // The union reports each branch; keep the issues of the branch the body chose.
  const issues = error.issues.flatMap((i) => (i.code === "invalid_union" ? i.errors.flat() : [i]));
  const chosen = "journal" in body ? "journal" : "manifests";
  const relevant = issues.filter((i) => i.path[0] !== (chosen === "journal" ? "manifests" : "journal"));
  const first = relevant[0] ?? issues[0];
  return first ? `${first.path.length > 0 ? first.path.join(".") : "(body)"}: ${first.message}` : "invalid body";
}

/** Parses an untrusted body (already JSON-decoded) into a submission. */
export function parseAttemptBody(body: unknown): ParsedAttempt {
  const parsed = bodySchema.safeParse(body);
  if (!parsed.success) return { ok: false, error: describe(parsed.error, body) };
  const data = parsed.data;
  if ("manifests" in data) {
    return {
      ok: true,
      submission: { kind: "manifests", text: data.manifests, source: "manifests.yaml" },
      stored: { manifests: data.manifests, commands: data.commands },
    };
  }
  const journal = parseJournal(data.journal);
  if (!journal.ok) return { ok: false, error: `journal: ${journal.error}` };
  return {
    ok: true,
    submission: { kind: "journal", journal: journal.journal, commands: data.commands },
    stored: { journal: journal.journal, commands: data.commands },
  };
}
