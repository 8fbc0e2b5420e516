/**
 * lib/shell — the lab's pure shell (README.md): run a command line against the simulated cluster and the
 * virtual files, complete words, save and restore.
 */
export { run } from "./run";
export type { Dispatcher } from "./types";
export { complete, type Completion } from "./complete";
export { isIncomplete, parse } from "./parse/parser";
export {
  createShellState,
  serializeShell,
  rebuildShell,
  restoreShell,
  type CheckedSavedShell,
  type CreateShellOptions,
  type SavedShell,
  type RestoreResult,
} from "./state";
export { MAX_WAIT_MS } from "./coreutils/builtins";
export type { ShellState, ShellDeps, RunResult } from "./types";
