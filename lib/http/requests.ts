/**
 * Every API request body, parsed at the boundary into the types the server works with (the one module that
 * does it; routes call these and nothing else). Transport rules (JSON only, size, storable text) are
 * body.ts's; the shapes are here:
 *
 * - an attempt: `{ journal, commands }` (what the lab did, as lib/cluster journals it) or
 *   `{ manifests, commands }` (a YAML file, as `npm run grade` takes). Unknown fields are rejected: a body
 *   that claims its own result (`passed`, `score`, `result`…) is a 400, never read.
 * - a saved lab: lib/progress's snapshot, whose journal goes through parseJournal (what is stored is what
 *   parseJournal returns, never the raw items).
 */
import * as z from "zod";
import { parseJournal, type Journal } from "@/lib/cluster";
import type { Submission } from "@/lib/grading";
import { labSnapshotSchema, MAX_SNAPSHOT_BYTES, type LabSnapshot } from "@/lib/progress/lab-snapshot";
import { describeIssue, readJson } from "./body";
import { HttpError } from "./errors";

/** Attempt bodies above this are refused with 413 before parsing. */
export const MAX_ATTEMPT_BYTES = 256 * 1024;

/** The command history is kept for the record (a heredoc line can hold a whole policy); the body limit bounds it. */
const commandsSchema = z
  .array(z.string().max(64 * 1024, "a command is limited to 64 KB"))
  .max(2000, "at most 2000 commands");

const bodySchema = z.union([
  z.strictObject({ journal: z.array(z.unknown()), commands: commandsSchema }),
  z.strictObject({ manifests: z.string().max(MAX_ATTEMPT_BYTES), commands: commandsSchema.default([]) }),
]);

/** The stored form of a submission (what the learner sent, normalised). */
export type StoredSubmission =
  | { readonly journal: readonly unknown[]; readonly commands: readonly string[] }
  | { readonly manifests: string; readonly commands: readonly string[] };

export type ParsedAttempt =
  { ok: true; submission: Submission; stored: StoredSubmission } | { ok: false; error: string };

function describe(error: z.ZodError, body: unknown): string {
  const keys = typeof body === "object" && body !== null && !Array.isArray(body) ? Object.keys(body) : [];
  const extra = keys.filter((k) => !["journal", "manifests", "commands"].includes(k));
  if (extra.length > 0)
    return `unexpected field${extra.length > 1 ? "s" : ""} ${extra.map((k) => JSON.stringify(k)).join(", ")}: send only { journal, commands } or { manifests, commands }`;
  if (typeof body !== "object" || body === null || Array.isArray(body))
    return "the body must be a JSON object { journal, commands }";
  if (!("journal" in body) && !("manifests" in body)) return 'missing field "journal" (or "manifests")';
  if ("journal" in body && "manifests" in body) return 'send either "journal" or "manifests", not both';
  // The union reports each branch; keep the issues of the branch the body chose.
  const issues = error.issues.flatMap((i) => (i.code === "invalid_union" ? i.errors.flat() : [i]));
  const chosen = "journal" in body ? "journal" : "manifests";
  const relevant = issues.filter((i) => i.path[0] !== (chosen === "journal" ? "manifests" : "journal"));
  const first = relevant[0] ?? issues[0];
  return first ? `${first.path.length > 0 ? first.path.join(".") : "(body)"}: ${first.message}` : "invalid body";
}

/** Parses an untrusted attempt body (already JSON-decoded) into a submission (also `npm run grade`'s input). */
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

/** An attempt request: 415, 413 or 400 (HttpError) unless it is a well-formed submission. */
export async function readAttempt(request: Request): Promise<{ submission: Submission; stored: StoredSubmission }> {
  const body = await readJson(request, {
    maxBytes: MAX_ATTEMPT_BYTES,
    tooLarge: `an attempt is limited to ${MAX_ATTEMPT_BYTES / 1024} KB`,
  });
  const parsed = parseAttemptBody(body);
  if (!parsed.ok) throw new HttpError(400, `invalid attempt: ${parsed.error}`);
  return { submission: parsed.submission, stored: parsed.stored };
}

/** A saved lab: its snapshot, with the journal as parseJournal returns it (stored in place of the raw items). */
export type LabSave = { readonly snapshot: LabSnapshot; readonly journal: Journal };

/** Parses a JSON-decoded saved-lab body. */
export function parseLabBody(body: unknown): { ok: true; save: LabSave } | { ok: false; error: string } {
  const parsed = labSnapshotSchema.safeParse(body);
  if (!parsed.success) return { ok: false, error: `invalid lab: ${describeIssue(parsed.error)}` };
  const journal = parseJournal(parsed.data.journal);
  if (!journal.ok) return { ok: false, error: `invalid lab journal: ${journal.error}` };
  return { ok: true, save: { snapshot: { ...parsed.data, journal: [...journal.journal] }, journal: journal.journal } };
}

/** A lab save request (PUT): 415, 413 or 400 (HttpError) unless it is a well-formed snapshot. */
export async function readLabSave(request: Request): Promise<LabSave> {
  const body = await readJson(request, {
    maxBytes: MAX_SNAPSHOT_BYTES,
    tooLarge: `a saved lab is limited to ${MAX_SNAPSHOT_BYTES / 1024} KB`,
  });
  const parsed = parseLabBody(body);
  if (!parsed.ok) throw new HttpError(400, parsed.error);
  return parsed.save;
}
