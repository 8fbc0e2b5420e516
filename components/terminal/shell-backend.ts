/**
 * Glue from lib/shell to the terminal: a LineBackend that runs commands on a ShellState the lab panel owns,
 * simulates waits (a dropped connection hangs for `waitMs`, Ctrl-C aborts it) and completes words.
 * On abort the state stays as it was before the command (plus the history line, as bash keeps it).
 * A command that needs deferred code (lib/base/deferred.ts) waits for it and then runs.
 */
import { complete, isIncomplete, run, type RunResult, type ShellDeps, type ShellState } from "@/lib/shell";
import { NotLoadedYet, settleRun } from "@/lib/base/deferred";
import type { ExecResult, LineBackend } from "@/lib/terminal";

export interface ShellBackendOptions {
  getState(): ShellState;
  setState(state: ShellState): void;
  deps: ShellDeps;
  prompt?: string;
  /** Called after every finished command (objectives, flow views…). */
  onResult?(line: string, result: RunResult): void;
  /** Waits `ms` unless aborted; resolves true when it ran to the end. Defaults to setTimeout. */
  sleep?(ms: number, signal: AbortSignal): Promise<boolean>;
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
  return {
    ...(opts.prompt !== undefined ? { prompt: opts.prompt } : {}),
    async execute(line: string, signal: AbortSignal): Promise<ExecResult> {
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
