/** What the browser saves of a lab (see lib/progress/lab-snapshot.ts for what the server accepts). */
import { serializeShell, type ShellState } from "@/lib/shell";

/** Connections kept in a saved lab: enough for `hubble observe` and the DNS answers toFQDNs relies on. */
const SAVED_CONNECTIONS = 300;

/**
 * The lab as it is saved. Every curl adds a connection to the journal; only the latest ones are kept, so a
 * long session stays well under the saved-lab limits (2000 journal entries) while every change is kept.
 */
export function snapshotOf(shell: ShellState): ReturnType<typeof serializeShell> {
  const saved = serializeShell(shell);
  const journal = shell.cluster.journal;
  const connects = journal.filter((op) => op.op === "connect").length;
  if (connects <= SAVED_CONNECTIONS) return saved;
  let skip = connects - SAVED_CONNECTIONS;
  const kept = journal.filter((op) => op.op !== "connect" || skip-- <= 0);
  return { ...saved, journal: kept as unknown as typeof saved.journal };
}
