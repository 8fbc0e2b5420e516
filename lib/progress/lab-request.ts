/** Reads a saved-lab request body: size limit, JSON, the snapshot's shape and its journal. */
import { readLimitedBody } from "@/lib/challenges/http";
import { parseJournal, type Journal } from "@/lib/cluster";
import { labSnapshotSchema, MAX_SNAPSHOT_BYTES, type LabSnapshot } from "./lab-snapshot";

export type LabBody =
  | { readonly ok: true; readonly snapshot: LabSnapshot; readonly journal: Journal }
  | { readonly ok: false; readonly status: 400 | 413; readonly message: string };

/** Reads the body without buffering more than a saved lab may hold, then parses it. */
export async function readLabBody(request: Request): Promise<LabBody> {
  const read = await readLimitedBody(request, MAX_SNAPSHOT_BYTES);
  if (!read.ok) return { ok: false, status: 413, message: `a saved lab is limited to ${MAX_SNAPSHOT_BYTES / 1024} KB` };
  return parseLabBody(read.text);
}

function parseLabBody(text: string): LabBody {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { ok: false, status: 400, message: "the body is not JSON" };
  }
  const parsed = labSnapshotSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, status: 400, message: `invalid lab: ${issue?.path.join(".") || "(body)"}: ${issue?.message}` };
  }
  const journal = parseJournal(parsed.data.journal);
  if (!journal.ok) return { ok: false, status: 400, message: `invalid lab journal: ${journal.error}` };
  return { ok: true, snapshot: parsed.data, journal: journal.journal };
}
