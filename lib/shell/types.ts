/** The shell's state, dependencies and the command-table row type. */
import type { ClusterState } from "@/lib/cluster";
import type { FlagSpec, ParsedFlags } from "./flags";

/** Injected so the core stays deterministic: wall clock (ms since epoch), randomness in [0,1), TTY colours. */
export interface ShellDeps {
  readonly clock: () => number;
  readonly random: () => number;
  /** Colour output like the real tools on a terminal (hubble observe, cilium status). */
  readonly tty?: boolean;
  /**
   * The lab has an editor beside the terminal (the browser's Files tab): `vi FILE` and `kubectl edit` open files
   * in it. Without one (the server, a script) they answer as a machine without a terminal editor does.
   */
  readonly editor?: boolean;
}

/** What a running command printed since the lab last changed, and whether it has ended on its own. */
export interface FollowOutput {
  readonly output: string;
  readonly done?: boolean;
}

/**
 * A command that keeps running after its first output until Ctrl-C (`hubble observe --follow`, `kubectl get
 * --watch`). The UI calls `poll` with the lab's state whenever it changes and prints what comes back; the
 * follow remembers what it already printed. Pure: no timers, no I/O, the clock comes in as `now`.
 */
export interface Follow {
  poll(state: ShellState, now: number): FollowOutput;
}

/** A file the command wants shown in the lab's editor (`vi FILE`, `kubectl edit`). */
export interface OpenFile {
  /** Absolute path in the virtual file system (it exists once the command has run). */
  readonly path: string;
  /** `kubectl edit`'s temp file: what the editor's Apply should run (as real kubectl applies the saved buffer). */
  readonly applyWith?: string;
}

/** Everything a lab shell remembers: plain data plus the immutable cluster snapshot. */
export interface ShellState {
  readonly cluster: ClusterState;
  /** Absolute path → content. The home directory is /root (`~`). */
  readonly files: Readonly<Record<string, string>>;
  readonly env: Readonly<Record<string, string>>;
  /** Every command line run, oldest first (the `history` builtin and "the learner ran …" objectives). */
  readonly history: readonly string[];
  readonly cwd: string;
  readonly lastExit: number;
  /** Small tool-side counters (helm release revisions…), serialised with the rest. */
  readonly counters: Readonly<Record<string, number>>;
}

/** Output of one `run`: the interleaved terminal text, the separate streams, exit code and UI hints. */
export interface RunResult {
  readonly state: ShellState;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout and stderr interleaved in the order they were written (what a terminal shows). */
  readonly output: string;
  readonly exitCode: number;
  /** How long the UI should pretend the command hangs (a dropped connection), already capped. */
  readonly waitMs?: number;
  /** The command asked to clear the screen (`clear`, Ctrl-L is the terminal's own). */
  readonly clear?: boolean;
  /** Lab time the command took (a dropped curl: its whole timeout), uncapped; callers may advance their clock. */
  readonly elapsedMs: number;
  /** The command keeps running: print `output`, then what `follow.poll` returns, until Ctrl-C. */
  readonly follow?: Follow;
  /** Open this file in the lab's editor. */
  readonly open?: OpenFile;
}

/** Streams of a running command. */
export interface Io {
  readonly stdin: string;
  /** stdout goes to the terminal (not a pipe or a file): ls prints columns, colours may apply. */
  readonly outIsTerminal: boolean;
  out(s: string): void;
  err(s: string): void;
}

/** A command runner: the workstation's PATH, or a container's. */
export type Dispatcher = (ctx: Ctx, argv: readonly string[]) => number;

/** What a handler gets: the state it may replace, the deps, its streams and the lab-time now. */
export interface Ctx {
  state: ShellState;
  readonly deps: ShellDeps;
  readonly io: Io;
  /**
   * Runs a script inside the running command (`sh -c '…'`): its output goes to `ctx`'s streams and its commands
   * reach `dispatcher` (a container's PATH; the workstation's by default). Handed in by `run`, so the programs
   * that offer `sh -c` never import the shell's entry point.
   */
  readonly sh: (ctx: Ctx, script: string, dispatcher?: Dispatcher) => number;
  /** Simulated time of this command (clock at start plus any waits so far). */
  now: number;
  /** Simulated waiting so far (ms); the UI shows it before the output. */
  waitMs: number;
  clear: boolean;
  /** Set by a command that keeps running (only honoured when its output reaches the terminal). */
  follow?: Follow;
  /** Set by a command that opens a file in the lab's editor. */
  open?: OpenFile;
}

/** A command's code: runs with parsed flags, returns the exit code (learner errors are output, never exceptions). */
export type CommandRun = (ctx: Ctx, flags: ParsedFlags) => number;

/** One command-table row (STYLE.md rule 6): complete → validate → run, all learner errors returned as text. */
export interface CommandRow {
  /** e.g. ["kubectl", "get"]; the first word is the program. */
  readonly path: readonly string[];
  readonly summary: string;
  readonly usage: string;
  /** What positional arguments mean, for completion: resource types, names, files, commands… */
  readonly args?: "types-and-names" | "files" | "pods" | "nodes" | "containers" | "none" | "command";
  readonly flags: readonly FlagSpec[];
  /** Arguments are not parsed as flags (echo, the command after `--`). */
  readonly rawArgs?: boolean;
  /** Runs with parsed flags; returns the exit code. */
  run(ctx: Ctx, flags: ParsedFlags): number;
}
