/**
 * The shell's entry point: `run(state, line, deps)` parses a line, runs its pipelines against the virtual file
 * system and the cluster, and returns the new state with the output. Learner mistakes become bash/kubectl
 * error text and exit codes, never exceptions.
 */
import { NotLoadedYet } from "@/lib/base/deferred";
import { expandHeredoc, expandWord } from "./expand";
import { parse } from "./parse/parser";
import type { ListItem, SimpleCommand } from "./parse/ast";
import { dispatch } from "./programs";
import type { Ctx, Dispatcher, Follow, Io, RunResult, ShellDeps, ShellState } from "./types";
import { isDir, resolvePath } from "./vfs";

interface Chunk {
  readonly fd: 1 | 2;
  readonly text: string;
}

/** Runs one input (a command line, or a heredoc command with its body). */
export function run(state: ShellState, line: string, deps: ShellDeps): RunResult {
  const text = line.replace(/\n$/, "");
  const terminal: Chunk[] = [];
  const withHistory: ShellState = text.trim() === "" ? state : { ...state, history: [...state.history, text] };
  const start = deps.clock();
  const ctx: Ctx = { state: withHistory, deps, io: nullIo, sh: runNested, now: start, waitMs: 0, clear: false };

  let parsed = parse(text);
  if (parsed.kind === "incomplete" && parsed.reason === "heredoc") {
    terminal.push({
      fd: 2,
      text: `bash: warning: here-document at line 1 delimited by end-of-file (wanted \`${parsed.delimiter ?? ""}')\n`,
    });
    parsed = parse(text, true);
  }
  let exit = state.lastExit;
  if (parsed.kind === "incomplete") {
    const msg =
      parsed.reason === "quote"
        ? `bash: unexpected EOF while looking for matching \`${parsed.quote ?? ""}'\n`
        : "bash: syntax error: unexpected end of file\n";
    terminal.push({ fd: 2, text: msg });
    exit = 2;
  } else if (parsed.kind === "error") {
    terminal.push({ fd: 2, text: parsed.message + "\n" });
    exit = 2;
  } else {
    exit = runList(ctx, parsed.items, terminal);
  }
  const finalState: ShellState = { ...ctx.state, lastExit: exit };
  const stdout = terminal
    .filter((c) => c.fd === 1)
    .map((c) => c.text)
    .join("");
  const stderr = terminal
    .filter((c) => c.fd === 2)
    .map((c) => c.text)
    .join("");
  return {
    state: finalState,
    stdout,
    stderr,
    output: terminal.map((c) => c.text).join(""),
    exitCode: exit,
    elapsedMs: ctx.now - start,
    ...(ctx.waitMs > 0 ? { waitMs: ctx.waitMs } : {}),
    ...(ctx.clear ? { clear: true } : {}),
    ...(ctx.follow ? { follow: ctx.follow } : {}),
    ...(ctx.open ? { open: ctx.open } : {}),
  };
}

const nullIo: Io = { stdin: "", outIsTerminal: false, out: () => undefined, err: () => undefined };

/**
 * Runs a script inside a running command (`sh -c '…'` in a pod): its output goes to the caller's streams and
 * its commands reach `dispatcher`.
 */
function runNested(ctx: Ctx, text: string, dispatcher: Dispatcher = dispatch): number {
  const parsed = parse(text, true);
  if (parsed.kind !== "ok") {
    ctx.io.err(
      parsed.kind === "error"
        ? `sh: ${parsed.message.replace(/^bash: /, "")}\n`
        : "sh: syntax error: unexpected end of file\n",
    );
    return 2;
  }
  const terminal: Chunk[] = [];
  const inner: Ctx = { ...ctx };
  const code = runList(inner, parsed.items, terminal, dispatcher);
  for (const c of terminal) (c.fd === 1 ? ctx.io.out : ctx.io.err)(c.text);
  ctx.state = inner.state;
  ctx.now = inner.now;
  ctx.waitMs = inner.waitMs;
  return code;
}

function runList(ctx: Ctx, items: readonly ListItem[], terminal: Chunk[], dispatcher: Dispatcher = dispatch): number {
  let exit = ctx.state.lastExit;
  for (const item of items) {
    // a command still running (hubble observe --follow) holds the terminal: what follows waits for Ctrl-C,
    // which ends the whole list, as in an interactive bash
    if (ctx.follow) break;
    if (item.op === "&&" && exit !== 0) continue;
    if (item.op === "||" && exit === 0) continue;
    let stdin: string | null = null;
    let streaming: { follow: Follow; from: number } | null = null;
    const cmds = item.pipeline.commands;
    cmds.forEach((cmd, i) => {
      const last = i === cmds.length - 1;
      const r = runCommand(ctx, cmd, stdin ?? "", last, terminal, dispatcher);
      stdin = r.piped;
      exit = r.exit;
      ctx.state = { ...ctx.state, lastExit: exit };
      if (r.follow && !last) streaming = { follow: r.follow, from: i + 1 };
      else if (last && streaming && r.toTerminal && !ctx.follow) {
        const s = streaming as { follow: Follow; from: number };
        ctx.follow = pipedFollow(s.follow, cmds.slice(s.from), ctx.deps, dispatcher);
      }
    });
  }
  return exit;
}

/**
 * A follow feeding a pipeline (`hubble observe -f | grep DROPPED`): each new chunk runs through the rest of the
 * pipeline, as line-buffered filters pass it on at once.
 */
function pipedFollow(inner: Follow, rest: readonly SimpleCommand[], deps: ShellDeps, dispatcher: Dispatcher): Follow {
  return {
    poll(state, now) {
      const r = inner.poll(state, now);
      if (r.output === "") return r;
      const terminal: Chunk[] = [];
      const ctx: Ctx = { state, deps, io: nullIo, sh: runNested, now, waitMs: 0, clear: false };
      let stdin = r.output;
      rest.forEach((cmd, i) => {
        stdin = runCommand(ctx, cmd, stdin, i === rest.length - 1, terminal, dispatcher).piped;
      });
      return { output: terminal.map((c) => c.text).join(""), ...(r.done ? { done: true } : {}) };
    },
  };
}

type Target =
  | { kind: "terminal"; fd: 1 | 2 }
  | { kind: "pipe" }
  | { kind: "file"; path: string; append: boolean }
  | { kind: "null" };

/** Runs one simple command with its redirects; returns its exit code and what it wrote into the pipe. */
function runCommand(
  ctx: Ctx,
  cmd: SimpleCommand,
  pipeIn: string,
  last: boolean,
  terminal: Chunk[],
  dispatcher: Dispatcher,
): { exit: number; piped: string; follow?: Follow; toTerminal: boolean } {
  const argv = cmd.words.flatMap((w) => expandWord(ctx.state, w));
  let stdin = pipeIn;
  let outT: Target = last ? { kind: "terminal", fd: 1 } : { kind: "pipe" };
  let errT: Target = { kind: "terminal", fd: 2 };
  for (const r of cmd.redirects) {
    if (r.kind === "heredoc") stdin = r.quoted ? (r.body ?? "") : expandHeredoc(ctx.state, r.body ?? "");
    else if (r.kind === "in") {
      const name = expandWord(ctx.state, r.target).join(" ");
      const path = resolvePath(ctx.state.cwd, name);
      const content = ctx.state.files[path];
      if (content === undefined && path !== "/dev/null") {
        terminal.push({ fd: 2, text: `bash: ${name}: No such file or directory\n` });
        return { exit: 1, piped: "", toTerminal: false };
      }
      stdin = content ?? "";
    } else if (r.kind === "dup") {
      if (r.fd === 2) errT = outT;
      else outT = errT;
    } else {
      const name = expandWord(ctx.state, r.target).join(" ");
      const path = resolvePath(ctx.state.cwd, name);
      if (isDir(ctx.state.files, path)) {
        terminal.push({ fd: 2, text: `bash: ${name}: Is a directory\n` });
        return { exit: 1, piped: "", toTerminal: false };
      }
      const t: Target = path === "/dev/null" ? { kind: "null" } : { kind: "file", path, append: r.append };
      if (t.kind === "file" && !t.append) ctx.state = { ...ctx.state, files: { ...ctx.state.files, [path]: "" } };
      if (r.fd === 1 || r.fd === "both") outT = t;
      if (r.fd === 2 || r.fd === "both") errT = t;
    }
  }
  let piped = "";
  const sub: Ctx = { ...ctx, io: nullIo };
  delete sub.follow;
  const write = (t: Target, s: string): void => {
    if (s === "") return;
    if (t.kind === "terminal") terminal.push({ fd: t.fd, text: s });
    else if (t.kind === "pipe") piped += s;
    else if (t.kind === "file") {
      const prev = sub.state.files[t.path] ?? "";
      sub.state = { ...sub.state, files: { ...sub.state.files, [t.path]: prev + s } };
    }
  };
  (sub as { io: Io }).io = {
    stdin,
    outIsTerminal: outT.kind === "terminal",
    out: (s) => write(outT, s),
    err: (s) => write(errT, s),
  };
  if (argv.length === 0) {
    if (cmd.assignments.length > 0) {
      const env = { ...sub.state.env };
      for (const a of cmd.assignments) env[a.name] = expandWord(sub.state, a.value).join(" ");
      ctx.state = { ...sub.state, env };
    } else ctx.state = sub.state;
    return { exit: 0, piped, toTerminal: outT.kind === "terminal" };
  }
  let exit: number;
  try {
    exit = dispatcher(sub, argv);
  } catch (e) {
    if (e instanceof NotLoadedYet) throw e; // the caller loads the code and runs the line again
    // a bug, not a learner mistake: keep the session alive and say so
    sub.io.err(`bash: ${argv[0]}: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    exit = 70;
  }
  ctx.state = sub.state;
  ctx.now = sub.now;
  ctx.waitMs = sub.waitMs;
  ctx.clear = ctx.clear || sub.clear;
  if (sub.open) ctx.open = sub.open;
  // a follow only streams where a terminal (or a pipe to one) shows it; into a file it would block silently
  if (sub.follow && outT.kind === "terminal") ctx.follow = sub.follow;
  return {
    exit,
    piped,
    toTerminal: outT.kind === "terminal",
    ...(sub.follow && outT.kind === "pipe" ? { follow: sub.follow } : {}),
  };
}
