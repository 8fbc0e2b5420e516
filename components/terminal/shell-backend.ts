/**
 * Glue from lib/shell to the terminal: a LineBackend that runs commands on a ShellState the lab panel owns,
 * simulates waits (a dropped connection hangs for `waitMs`, Ctrl-C aborts it) and completes words.
 * On abort the state stays as it was before the command (plus the history line, as bash keeps it).
 * A command that needs deferred code (lib/base/deferred.ts) waits for it and then runs.
 * A command that keeps running (`hubble observe --follow`, `kubectl get -w`: RunResult.follow) streams: after its
 * first output, every change of the lab's state (`subscribe`) is polled and printed, until it ends or Ctrl-C.
 */
import { complete, isIncomplete, run, type RunResult, type ShellDeps, type ShellState } from "@/lib/shell";
import { NotLoadedYet, settle, settleRun } from "@/lib/base/deferred";
import type { ExecResult, ExecStream, LineBackend } from "@/lib/terminal";
import type { Follow } from "@/lib/shell/types";

export interface ShellBackendOptions {
  getState(): ShellState;
  setState(state: ShellState): void;
  deps: ShellDeps;
  prompt?: string;
  /** Called after every finished command (objectives, flow views…). */
  onResult?(line: string, result: RunResult): void;
  /** Waits `ms` unless aborted; resolves true when it ran to the end. Defaults to setTimeout. */
  sleep?(ms: number, signal: AbortSignal): Promise<boolean>;
  /** Calls `listener` whenever the lab's state may have changed (from the terminal or any other view). */
  subscribe?(listener: () => void): () => void;
}

function defaultSleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const t = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve(true);
    }, ms);
    const onAbort = (): void => {
      clearTimeout(t);
      resolve(false);
    };
    signal.addEventListener("abort", onAbort);
  });
}

/** Builds the terminal backend over a lab shell. */
export function createShellBackend(
  opts: ShellBackendOptions,
): LineBackend<AbortSignal> & { isIncomplete(text: string): boolean } {
  const sleep = opts.sleep ?? defaultSleep;

  /** Streams a running command until it ends (exit 0) or Ctrl-C (exit 130, as a SIGINT'd process). */
  const follow = (f: Follow, signal: AbortSignal, stream: ExecStream): Promise<ExecResult> =>
    new Promise((resolve) => {
      let ended = false;
      let unsubscribe = (): void => undefined;
      const end = (exitCode: number): void => {
        if (ended) return;
        ended = true;
        unsubscribe();
        signal.removeEventListener("abort", onAbort);
        const state = opts.getState();
        opts.setState({ ...state, lastExit: exitCode });
        resolve({ output: "", exitCode });
      };
      const onAbort = (): void => end(130);
      const show = (p: { output: string; done?: boolean }): void => {
        if (ended) return;
        stream.write(p.output);
        if (p.done) end(0);
      };
      const poll = (): void => {
        if (ended) return;
        try {
          show(f.poll(opts.getState(), opts.deps.clock()));
        } catch (error) {
          if (!(error instanceof NotLoadedYet)) throw error;
          // code for a later stage of the pipeline is on its way: print once it is there
          void settle(() => f.poll(opts.getState(), opts.deps.clock())).then(show, () => undefined);
        }
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener("abort", onAbort);
      unsubscribe = opts.subscribe?.(poll) ?? unsubscribe;
      poll(); // anything that changed between the command and the subscription
    });

  return {
    ...(opts.prompt !== undefined ? { prompt: opts.prompt } : {}),
    async execute(line: string, signal: AbortSignal, stream?: ExecStream): Promise<ExecResult> {
      const before = opts.getState();
      let r: RunResult;
      try {
        r = await settleRun(opts.deps, (deps) => run(before, line, deps));
      } catch (error) {
        // Only a failed fetch of deferred code gets here (run itself never throws); nothing ran.
        opts.setState({ ...before, history: [...before.history, line], lastExit: 1 });
        return { output: `${(error as Error).message}\n`, exitCode: 1 };
      }
      if (r.waitMs && r.waitMs > 0) {
        const finished = await sleep(r.waitMs, signal);
        if (!finished) {
          opts.setState({ ...before, history: [...before.history, line], lastExit: 130 });
          return { output: "", exitCode: 130 };
        }
      }
      opts.setState(r.state);
      opts.onResult?.(line, r);
      if (r.follow && stream) {
        stream.write(r.output);
        return follow(r.follow, signal, stream);
      }
      return { output: r.output, exitCode: r.exitCode, ...(r.clear ? { clear: true } : {}) };
    },
    complete(line, cursor) {
      try {
        return complete(opts.getState(), line, cursor);
      } catch (error) {
        // Completing needs code still on its way: nothing to offer this time (the next Tab has it).
        if (error instanceof NotLoadedYet) return { replaceFrom: cursor, candidates: [] };
        throw error;
      }
    },
    isIncomplete,
  };
}
