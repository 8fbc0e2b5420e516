/**
 * Headless sessions (labsh, golden files, lesson tests): split an input into commands (a heredoc is one
 * command), run them on a fresh lab with a pinned clock and a seeded PRNG, and print `$ command` followed by
 * what the terminal shows (no colours, CRLF as LF). Waits are not slept: the clock jumps instead.
 */
import { createCluster, parseScenario } from "@/lib/cluster";
import { settleRun } from "@/lib/base/deferred";
import { LAB_EPOCH, seededRandom } from "@/lib/base/reproducible";
import { parse } from "./parse/parser";
import { run } from "./run";
import { createShellState } from "./state";
import type { RunResult, ShellDeps, ShellState } from "./types";

/** Splits input text into command texts: lines, except that an open heredoc/quote/pipe continues. */
export function splitCommands(input: string): string[] {
  const out: string[] = [];
  let acc: string[] = [];
  for (const line of input.replace(/\r\n/g, "\n").split("\n")) {
    if (acc.length === 0 && (line.trim() === "" || line.trimStart().startsWith("#"))) continue;
    acc.push(line);
    const text = acc.join("\n");
    const p = parse(text);
    if (p.kind !== "incomplete") {
      out.push(text);
      acc = [];
    }
  }
  while (acc.length > 0 && (acc[acc.length - 1] ?? "").trim() === "") acc.pop();
  if (acc.length > 0) out.push(acc.join("\n"));
  return out;
}

export { seededRandom };

export interface SessionOptions {
  /** Scenario name and YAML text (content/scenarios/NAME.yaml, read by the caller). */
  readonly scenarioName: string;
  readonly scenarioText: string;
  /** Files preloaded into ~ (relative paths). */
  readonly files?: Readonly<Record<string, string>>;
  /** Lab "now" at the first command (ms since epoch); the scenario was created `ageMinutes` before. */
  readonly startMs?: number;
  readonly seed?: number;
}

/** A headless lab: run commands one after the other; the clock moves 1 s per command plus each wait. */
export class HeadlessLab {
  now: number;
  state: ShellState;
  readonly deps: ShellDeps;

  constructor(opts: SessionOptions) {
    const parsed = parseScenario(opts.scenarioName, opts.scenarioText);
    if (!parsed.ok) throw new Error(parsed.diagnostics.map((d) => d.message).join("\n"));
    this.now = opts.startMs ?? LAB_EPOCH;
    const random = seededRandom(opts.seed ?? 1);
    this.deps = { clock: () => this.now, random, tty: false };
    this.state = createShellState({ cluster: createCluster(parsed.scenario, this.deps), files: opts.files ?? {} });
  }

  /** Runs one command text; returns the result. */
  run(command: string): RunResult {
    return this.advance(run(this.state, command, this.deps));
  }

  /** Runs one command the way the browser does, first loading any deferred code it needs (settleRun). */
  async runSettled(command: string): Promise<RunResult> {
    return this.advance(await settleRun(this.deps, (deps) => run(this.state, command, deps)));
  }

  /** `$ command` + output, as a terminal without colours shows it. */
  transcript(commands: readonly string[]): string {
    return commands.map((c) => entry(c, this.run(c))).join("");
  }

  /** `transcript`, each command run with runSettled. */
  async transcriptSettled(commands: readonly string[]): Promise<string> {
    let out = "";
    for (const c of commands) out += entry(c, await this.runSettled(c));
    return out;
  }

  private advance(r: RunResult): RunResult {
    this.state = r.state;
    this.now += 1000 + r.elapsedMs;
    return r;
  }
}

const entry = (command: string, r: RunResult): string => `$ ${command}\n${r.output.replace(/\r\n/g, "\n")}`;
