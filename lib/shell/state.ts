/**
 * Creating, saving and restoring a lab shell. The saved form is plain JSON: the cluster's journal (replayed
 * over the scenario on restore, lib/cluster replay) plus files, history, env, cwd and counters.
 */
import {
  createCluster,
  parseJournal,
  replay,
  type ClusterState,
  type Deps,
  type Journal,
  type Scenario,
} from "@/lib/cluster";
import type { Json } from "./printers/yaml";
import type { ShellState } from "./types";
import { HOME, resolvePath } from "./vfs";

export interface CreateShellOptions {
  /** The lib/cluster snapshot the shell starts on. */
  readonly cluster: ClusterState;
  /** Lesson files: relative paths land in ~ (/root), absolute paths stay. */
  readonly files?: Readonly<Record<string, string>>;
  readonly env?: Readonly<Record<string, string>>;
  readonly history?: readonly string[];
}

const DEFAULT_ENV: Readonly<Record<string, string>> = {
  HOME,
  USER: "root",
  SHELL: "/bin/bash",
  PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
  KUBECONFIG: "/root/.kube/config",
};

/** A fresh shell over a cluster. */
export function createShellState(opts: CreateShellOptions): ShellState {
  const files: Record<string, string> = {};
  for (const [p, content] of Object.entries(opts.files ?? {}))
    files[resolvePath(HOME, p.replace(/^~\/?/, ""))] = content;
  return {
    cluster: opts.cluster,
    files,
    env: { ...DEFAULT_ENV, ...(opts.env ?? {}) },
    history: [...(opts.history ?? [])],
    cwd: HOME,
    lastExit: 0,
    counters: {},
  };
}

/** The saved form of a shell (JSON-serialisable). */
export interface SavedShell {
  readonly version: 1;
  readonly journal: Json;
  readonly files: Readonly<Record<string, string>>;
  readonly history: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
  readonly counters: Readonly<Record<string, number>>;
}

/**
 * What a saved lab keeps of the command history: the newest 2,000 commands (the server takes no more) and
 * at most 256 KB of them, so that a long session or a few huge commands never make every later save of
 * the lab fail (issue 10); a command longer than the server's 64 KB is never kept.
 */
export const SAVED_HISTORY = { maxEntries: 2000, maxChars: 256 * 1024, maxEntryChars: 64 * 1024 } as const;

export function savedHistory(history: readonly string[]): readonly string[] {
  const kept: string[] = [];
  let chars = 0;
  for (let i = history.length - 1; i >= 0 && kept.length < SAVED_HISTORY.maxEntries; i--) {
    const entry = history[i] as string;
    if (entry.length > SAVED_HISTORY.maxEntryChars) continue;
    if (chars + entry.length > SAVED_HISTORY.maxChars) break;
    chars += entry.length;
    kept.push(entry);
  }
  return kept.length === history.length ? history : kept.reverse();
}

/** Serialises a shell: the cluster as its journal, the newest history (savedHistory), everything else as is. */
export function serializeShell(state: ShellState): SavedShell {
  return {
    version: 1,
    journal: state.cluster.journal as unknown as Json,
    files: state.files,
    history: savedHistory(state.history),
    env: state.env,
    cwd: state.cwd,
    counters: state.counters,
  };
}

export type RestoreResult =
  | { readonly ok: true; readonly state: ShellState; readonly failures: number }
  | { readonly ok: false; readonly error: string };

/** A saved shell whose journal is already checked (the server validates a lab when it is saved). */
export interface CheckedSavedShell {
  readonly journal: Journal;
  readonly files: Readonly<Record<string, string>>;
  readonly history: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly cwd?: string;
  readonly counters?: Readonly<Record<string, number>>;
}

/** Rebuilds a checked saved shell over the scenario; journal ops that no longer apply are counted, not fatal. */
export function rebuildShell(
  scenario: Scenario,
  saved: CheckedSavedShell,
  deps: Deps,
): { state: ShellState; failures: number } {
  const r =
    saved.journal.length === 0
      ? { state: createCluster(scenario, deps), failures: [] }
      : replay(scenario, saved.journal, deps);
  return {
    state: {
      cluster: r.state,
      files: { ...saved.files },
      env: { ...DEFAULT_ENV, ...saved.env },
      history: [...saved.history],
      cwd: saved.cwd ?? HOME,
      lastExit: 0,
      counters: { ...saved.counters },
    },
    failures: r.failures.length,
  };
}

/**
 * Rebuilds a shell from untrusted `serializeShell` output: the journal is checked (zod, size limits), the
 * rest is filtered to its expected types, then rebuildShell.
 */
export function restoreShell(scenario: Scenario, saved: unknown, deps: Deps): RestoreResult {
  if (typeof saved !== "object" || saved === null) return { ok: false, error: "saved shell is not an object" };
  const s = saved as Partial<SavedShell>;
  const j = parseJournal(s.journal ?? []);
  if (!j.ok) return { ok: false, error: j.error };
  const strings = (v: unknown): Record<string, string> =>
    typeof v === "object" && v !== null
      ? Object.fromEntries(Object.entries(v).filter(([, x]) => typeof x === "string"))
      : {};
  const r = rebuildShell(
    scenario,
    {
      journal: j.journal,
      files: strings(s.files),
      env: strings(s.env),
      history: Array.isArray(s.history) ? s.history.filter((h): h is string => typeof h === "string") : [],
      ...(typeof s.cwd === "string" ? { cwd: s.cwd } : {}),
      counters:
        typeof s.counters === "object" && s.counters !== null
          ? Object.fromEntries(Object.entries(s.counters).filter(([, x]) => typeof x === "number"))
          : {},
    },
    deps,
  );
  return { ok: true, ...r };
}
