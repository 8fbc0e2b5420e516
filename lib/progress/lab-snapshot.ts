/**
 * What a saved lab is: lib/shell's `serializeShell` output — the cluster journal (every successful mutation
 * and connection since the scenario), the learner's files, command history, variables and tool counters.
 * Replaying the journal on the scenario rebuilds the cluster exactly, so this is all a reload — or the
 * server — needs. Checked here at the network boundary; the journal's ops are checked by parseJournal.
 */
import * as z from "zod";

/** Saved labs beyond this are refused; a lab that large is a runaway paste, not a learner's work. */
export const MAX_SNAPSHOT_BYTES = 1024 * 1024;

const limitedRecord = <T extends z.ZodType>(value: T, max: number, what: string) =>
  z.record(z.string().max(1024), value).refine((r) => Object.keys(r).length <= max, `at most ${max} ${what}`);

export const labSnapshotSchema = z.object({
  version: z.literal(1),
  journal: z.array(z.unknown()).max(2000, "at most 2000 journal entries"),
  files: limitedRecord(z.string().max(256 * 1024), 200, "files"),
  history: z.array(z.string().max(64 * 1024)).max(2000, "at most 2000 history lines"),
  env: limitedRecord(z.string().max(4096), 100, "variables"),
  cwd: z.string().max(1024).optional(),
  counters: limitedRecord(z.number(), 100, "counters").optional(),
});

export type LabSnapshot = z.infer<typeof labSnapshotSchema>;
