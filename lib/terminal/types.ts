/** The minimal terminal and backend interfaces the line discipline talks to (no xterm, no DOM). */

/** Where the discipline writes (xterm's `write`, a headless terminal, a test buffer). */
export interface TerminalSink {
  write(data: string): void;
}

/** The part of AbortSignal the discipline and backends need (the real one satisfies it). */
export interface AbortSignalLike {
  readonly aborted: boolean;
  addEventListener(type: "abort", listener: () => void): void;
  removeEventListener(type: "abort", listener: () => void): void;
}

export interface AbortControllerLike<S extends AbortSignalLike = AbortSignalLike> {
  readonly signal: S;
  abort(): void;
}

export interface ExecResult {
  /** Terminal text with `\n` line ends (ANSI colours allowed). */
  readonly output: string;
  readonly exitCode: number;
  /** Clear the screen before printing (the `clear` command). */
  readonly clear?: boolean;
}

/**
 * Output of a command while it still runs (`hubble observe --follow`): written at once, before the command's
 * result; writes after Ctrl-C are dropped.
 */
export interface ExecStream {
  write(text: string): void;
}

/** What runs commands and completes words: the lab shell, or a test double. */
export interface LineBackend<S extends AbortSignalLike = AbortSignalLike> {
  readonly prompt?: string;
  /** Runs a line; resolves when the command ends (a streaming command: on its own or when `signal` aborts). */
  execute(line: string, signal: S, stream?: ExecStream): Promise<ExecResult>;
  complete(line: string, cursor: number): { replaceFrom: number; candidates: string[] };
  /** True while the text needs more lines (an open heredoc or quote): Enter adds a line with `> `. */
  isIncomplete?(text: string): boolean;
}
