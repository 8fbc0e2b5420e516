/** replay(): rebuild a state from a scenario and a journal (saved labs, server-side grading). */
import { connect } from "./connect";
import type { Journal, JournalOp } from "./journal";
import { applyText } from "./mutate/apply";
import { deleteFromText, deleteObjects } from "./mutate/delete";
import { label } from "./mutate/label";
import { rolloutRestart } from "./mutate/rollout";
import { setSettings } from "./mutate/settings";
import { firstSnapshot } from "./scenario/build";
import { withManifests } from "./scenario/manifests";
import type { Scenario } from "./scenario/types";
import type { ClusterState, Deps, Diagnostic, MutationResult } from "./types";

/** Run one journal operation (what the shell's commands do). */
export function runOp(state: ClusterState, op: JournalOp): MutationResult {
  switch (op.op) {
    case "apply":
    case "create":
      return applyText(state, op.text, op.source, op.op, op.namespace);
    case "delete-text":
      return deleteFromText(state, op.text, op.source, op.namespace);
    case "delete":
      return deleteObjects(state, op);
    case "label":
      return label(state, op);
    case "setting":
      return setSettings(state, op.settings);
    case "restart":
      return rolloutRestart(state, op);
    case "connect":
      return { state: connect(state, op.request).state, ok: true, outcomes: [], diagnostics: [] };
  }
}

export function replay(
  scenario: Scenario,
  journal: Journal,
  deps: Deps,
): { state: ClusterState; failures: { index: number; diagnostics: Diagnostic[] }[] } {
  const start = withManifests(firstSnapshot(scenario, deps));
  let state: ClusterState = { ...start, journal: [] };
  // The journal is collected here, not copied into every snapshot (that copy alone was quadratic).
  const written: JournalOp[] = [...start.journal];
  const failures: { index: number; diagnostics: Diagnostic[] }[] = [];
  journal.forEach((op, index) => {
    // An operation runs at the time it first ran (creationTimestamp, AGE), when the journal says so.
    const at = op.at;
    const r = runOp(at === undefined ? state : { ...state, deps: { ...deps, clock: () => at } }, op);
    for (const entry of r.state.journal) written.push(entry);
    state = { ...r.state, deps, journal: [] };
    if (!r.ok) failures.push({ index, diagnostics: r.diagnostics.filter((d) => d.severity === "error") });
  });
  return { state: { ...state, journal: written }, failures };
}
