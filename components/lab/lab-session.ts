/**
 * One learner's lab in the browser: the shell state over the simulated cluster, the objectives it
 * satisfies, and its persistence. Plain TypeScript with a subscribe/getSnapshot pair for React's
 * useSyncExternalStore; the React components only render it.
 */
import { createCluster, type Journal, type Scenario } from "@/lib/cluster";
import type { Objective } from "@/lib/grading/schema";
import type { ObjectiveResult } from "@/lib/grading/types";
import type { ChallengeLabResponse, LessonLabResponse } from "@/lib/http/contract";
import type { LabSnapshot } from "@/lib/progress/lab-snapshot";
import { createShellBackend } from "@/components/terminal/shell-backend";
import { NotLoadedYet, settle, settleRun } from "@/lib/base/deferred";
import { createShellState, rebuildShell, run, type serializeShell, type ShellState } from "@/lib/shell";
import { snapshotOf } from "./lab-snapshot";
import { SaveQueue, type SaveStatus } from "./save-queue";
import { prefetchDeferred } from "./deferred/prefetch";
import { grading } from "./deferred/grading";
import { requestOpen } from "./editor/open-file";
import type { ExecStream } from "@/lib/terminal";

export type LabConfig = {
  /** Where the lab is saved (`/api/lessons/<slug>/lab`); null for a lab that is not saved. */
  readonly saveUrl: string | null;
  /** Parsed and validated on the server at build time, so the browser needs no schema library to start. */
  readonly scenario: Scenario;
  readonly files: Readonly<Record<string, string>>;
  readonly objectives: readonly Objective[];
  /**
   * The objectives as a fresh lab meets them, evaluated on the server when it built the page (freshObjectives in
   * lib/grading/evaluate.ts): a fresh lab shows them without fetching the checks' code and the policy engine.
   */
  readonly freshObjectives?: readonly ObjectiveResult[];
};

export type LabView = {
  readonly phase: "loading" | "ready" | "error";
  readonly error: string | null;
  /** The saved lab exists but could not be restored; it is left untouched on the server until a reset. */
  readonly restoreError: string | null;
  readonly shell: ShellState | null;
  readonly objectives: readonly (ObjectiveResult & { readonly title: string })[];
  readonly save: SaveStatus;
  /** Bumped on reset, so the terminal can start a fresh screen. */
  readonly generation: number;
  /** A reset just happened and nothing ran since: undoReset() brings the lab back. */
  readonly canUndoReset: boolean;
};

export type ExecuteResult = { readonly output: string; readonly exitCode: number; readonly clear?: boolean };

/** The browser's clock and randomness; colours on, as on a terminal; the Files tab is the editor. */
const deps = () => ({ clock: () => Date.now(), random: () => Math.random(), tty: true, editor: true });

export class LabSession {
  private view: LabView;
  private readonly listeners = new Set<() => void>();
  private readonly saver: SaveQueue<ReturnType<typeof serializeShell>> | null;

  constructor(private readonly config: LabConfig) {
    this.view = {
      phase: "loading",
      error: null,
      restoreError: null,
      shell: null,
      objectives: [],
      save: { kind: "idle" },
      generation: 0,
      canUndoReset: false,
    };
    this.initialView = this.view;
    this.saver = config.saveUrl
      ? new SaveQueue<ReturnType<typeof serializeShell>>(config.saveUrl, (save) => this.update({ save }))
      : null;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getView = (): LabView => this.view;

  /** The rest of the lab's code is fetched once, after the learner's first command. */
  private prefetched = false;
  private starting: Promise<void> | null = null;

  /** What the server rendered: the lab loading (React hydrates against this, whatever happened since). */
  readonly initialView: LabView;

  /**
   * Builds the scenario's cluster and restores the saved lab, if any; once, however often it is called.
   * The page calls it while React is still hydrating, so fetching the saved lab overlaps hydration.
   */
  start(): Promise<void> {
    this.starting ??= this.load();
    return this.starting;
  }

  private async load(): Promise<void> {
    try {
      const saved = this.config.saveUrl
        ? await this.fetchSaved(this.config.saveUrl)
        : ({ ok: true, snapshot: null } as const);
      const snapshot = saved.ok ? saved.snapshot : null;
      const restored = !saved.ok ? saved : snapshot ? await settle(() => this.restore(snapshot)) : null;
      if (restored && !restored.ok) {
        // Never overwrite work we could not read: saving stays off until the learner resets.
        this.saver?.pause();
        this.show(await settle(() => this.fresh()), { phase: "ready", restoreError: restored.error });
        return;
      }
      this.show(restored?.shell ?? (await settle(() => this.fresh())), { phase: "ready" });
    } catch (error) {
      // Only deferred code that could not be fetched gets here; the saved lab is untouched.
      this.update({ phase: "error", error: (error as Error).message });
    }
  }

  /** The terminal's backend over this lab's shell (a dropped connection waits; Ctrl-C aborts it). */
  private readonly backend = createShellBackend({
    getState: () => this.view.shell as ShellState,
    setState: (shell) => this.commit(shell),
    deps: deps(),
    // a running hubble observe --follow / kubectl get -w prints what any view changes
    subscribe: (listener) => this.subscribe(listener),
    // vi FILE, kubectl edit: the file opens in the Files tab
    onResult: (_line, r) => {
      if (r.open) requestOpen(r.open.path, r.open.applyWith);
    },
  });

  /** Runs one command line for the terminal; a streaming command writes to `stream` until Ctrl-C. */
  execute = (line: string, signal: AbortSignal, stream?: ExecStream): Promise<ExecuteResult> => {
    if (!this.view.shell) return Promise.resolve({ output: "the lab is still starting…\r\n", exitCode: 1 });
    const result = this.backend.execute(line, signal, stream);
    if (!this.prefetched) {
      this.prefetched = true;
      const prefetch = () => void setTimeout(prefetchDeferred, 0);
      result.then(prefetch, prefetch);
    }
    return result;
  };

  /**
   * Runs a command beside the terminal (the Flows tab's "Send a request"): the lab changes as if another
   * terminal ran it — a running `hubble observe --follow` prints its flows — but the terminal's history does not.
   */
  runAside = async (line: string): Promise<string> => {
    for (;;) {
      const shell = this.view.shell;
      if (!shell) return "the lab is still starting…\n";
      const r = await settleRun(deps(), (d) => run(shell, line, d));
      // the lab changed while code was loading: run on the newer state (the code is here now)
      if (this.view.shell !== shell) continue;
      this.commit({ ...r.state, history: shell.history, lastExit: shell.lastExit });
      return r.output;
    }
  };

  complete = (line: string, cursor: number) =>
    this.view.shell ? this.backend.complete(line, cursor) : { replaceFrom: cursor, candidates: [] };

  /** Writes a file from the editor into the lab's home. */
  writeFile(path: string, content: string): void {
    const shell = this.view.shell;
    if (shell) this.commit({ ...shell, files: { ...shell.files, [path]: content } });
  }

  /** The lab as it was before the last reset, until the learner does something else. */
  private beforeReset: ShellState | null = null;

  /** Back to the scenario's starting state, instantly; the saved lab is replaced too (undoReset() restores it). */
  reset(): void {
    // A lab that could not be restored was a stand-in, not the learner's work: nothing to bring back.
    const previous = this.view.restoreError ? null : this.view.shell;
    // Immediate (a microtask later): the scenario's code is loaded, since the lab started from it.
    void settle(() => this.fresh()).then(
      (shell) => {
        this.beforeReset = previous;
        this.show(shell, { generation: this.view.generation + 1, restoreError: null, canUndoReset: previous !== null });
        this.saver?.resume();
        this.saver?.push(snapshotOf(shell));
      },
      (error: unknown) => this.update({ phase: "error", error: (error as Error).message }),
    );
  }

  /** Brings back the lab the last reset replaced (and saves it again). */
  undoReset(): void {
    const previous = this.beforeReset;
    if (!previous) return;
    this.beforeReset = null;
    this.show(previous, { generation: this.view.generation + 1, canUndoReset: false });
    this.saver?.push(snapshotOf(previous));
  }

  /** Retries a failed save now. */
  retrySave(): void {
    this.saver?.retry();
  }

  /** Sends what is pending before the page goes away. */
  flush(): void {
    this.saver?.flush();
  }

  private commit(shell: ShellState): void {
    const wasUndoable = this.beforeReset !== null;
    this.beforeReset = null;
    this.show(shell, wasUndoable ? { canUndoReset: false } : {});
    this.saver?.push(snapshotOf(shell));
  }

  /** Shows `shell` with its objectives; when they need deferred code still on its way, the ticks follow it. */
  private show(shell: ShellState, patch: Partial<LabView> = {}): void {
    try {
      this.update({ ...patch, shell, objectives: this.evaluate(shell) });
    } catch (error) {
      if (!(error instanceof NotLoadedYet)) throw error;
      this.update({ ...patch, shell });
      void settle(() => this.evaluate(shell)).then(
        (objectives) => this.view.shell === shell && this.update({ objectives }),
        () => undefined, // the fetch failed: the ticks catch up after the next command
      );
    }
  }

  /** Labs as fresh() built them, untouched since: their objectives are config.freshObjectives. */
  private readonly untouched = new WeakSet<ShellState>();

  private fresh(): ShellState {
    const shell = createShellState({
      cluster: createCluster(this.config.scenario, deps()),
      files: { ...this.config.files },
    });
    this.untouched.add(shell);
    return shell;
  }

  /**
   * Rebuilds a saved lab. The server checked the snapshot (zod) when it was saved, so the browser replays it
   * without a schema library; anything that still fails to replay is reported, not lost.
   */
  private restore(saved: LabSnapshot): { ok: true; shell: ShellState } | { ok: false; error: string } {
    try {
      const { state } = rebuildShell(
        this.config.scenario,
        { ...saved, journal: saved.journal as unknown as Journal },
        deps(),
      );
      return { ok: true, shell: state };
    } catch (error) {
      if (error instanceof NotLoadedYet) throw error; // not a broken save: settle() loads the code and retries
      return { ok: false, error: (error as Error).message };
    }
  }

  private evaluate(shell: ShellState): LabView["objectives"] {
    // A lab without objectives (a challenge's) never needs the checks' code.
    if (this.config.objectives.length === 0) return [];
    const results =
      this.config.freshObjectives && this.untouched.has(shell)
        ? this.config.freshObjectives
        : grading().evaluateObjectives({ cluster: shell.cluster, history: shell.history }, this.config.objectives);
    return results.map((r) => ({
      ...r,
      title: this.config.objectives.find((o) => o.name === r.name)?.title ?? r.name,
    }));
  }

  /** The saved lab; an error (network, server) is not "nothing saved", or a fresh lab would overwrite it. */
  private async fetchSaved(
    url: string,
  ): Promise<{ ok: true; snapshot: LabSnapshot | null } | { ok: false; error: string }> {
    try {
      const response = await fetch(url, { cache: "no-store" });
      if (!response.ok) return { ok: false, error: `the server answered ${response.status} when loading it` };
      const body = (await response.json()) as LessonLabResponse | ChallengeLabResponse;
      return { ok: true, snapshot: body.snapshot };
    } catch {
      return { ok: false, error: "the network failed while loading it" };
    }
  }

  private update(patch: Partial<LabView>): void {
    this.view = { ...this.view, ...patch };
    for (const listener of this.listeners) listener();
  }
}
