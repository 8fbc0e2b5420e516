/**
 * The line discipline: turns keys into an edited line, history, reverse search, completion and commands, and
 * renders them on a TerminalSink. Pure (no xterm, no DOM): time and abort controllers are injected.
 */
import * as E from "./edit";
import { completionAction } from "./completion";
import { History } from "./history";
import { EDITS, MOVES } from "./keymap";
import { KeyDecoder, type Key, type KeyName } from "./keys";
import { columns, layout, visibleWidth } from "./layout";
import { searchKey, searchView, type SearchState } from "./search";
import type { AbortControllerLike, AbortSignalLike, LineBackend, TerminalSink } from "./types";

export const DEFAULT_PROMPT = "root@server:~# ";
export const CONTINUATION_PROMPT = "> ";

/**
 * The longest command the terminal takes, pasted or typed: 64 KB, what the server stores for one command
 * (a saved lab's history line, an attempt's command). A longer one would make every later save of the lab
 * fail, and drawing a multi-megabyte line blocks the tab for seconds (issue 10), so it is refused whole.
 */
export const MAX_COMMAND_CHARS = 64 * 1024;

const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");

export interface LineDisciplineOptions<S extends AbortSignalLike> {
  readonly sink: TerminalSink;
  readonly backend: LineBackend<S>;
  readonly createAbortController: () => AbortControllerLike<S>;
  /** Terminal width in columns (asked at every redraw; xterm's cols after fit). */
  readonly cols: () => number;
  readonly history?: readonly string[];
  readonly onHistoryChange?: (history: readonly string[]) => void;
  readonly maxHistory?: number;
}

/**
 * Keys typed ahead while a command runs (Ctrl-C discards them, as a tty flushes its input), the draft a
 * lesson's Run puts back afterwards, and commands the lab's buttons ran meanwhile (kept: the learner asked).
 */
type Queued =
  Key | { readonly kind: "restore"; readonly line: E.LineState } | { readonly kind: "command"; readonly cmd: string };

/** One terminal session's line editor. */
export class LineDiscipline<S extends AbortSignalLike = AbortSignalLike> {
  private readonly decoder = new KeyDecoder();
  private line: E.LineState = { buf: "", cursor: 0 };
  private readonly history: History;
  private search: SearchState | null = null;
  private lastKeyTab = false;
  /** Row of the cursor inside the block drawn for the current line. */
  private cursorRow = 0;
  /**
   * Output after the last newline of the previous command (`echo -n hi`, a jsonpath value): bash leaves it on
   * screen and prints the prompt after it, so every redraw of the line repeats it before the prompt.
   */
  private tail = "";
  private running: AbortControllerLike<S> | null = null;
  private queue: Queued[] = [];
  private disposed = false;

  constructor(private readonly opts: LineDisciplineOptions<S>) {
    this.history = new History(opts.history ?? [], opts.maxHistory ?? 500, opts.onHistoryChange);
  }

  get prompt(): string {
    return this.opts.backend.prompt ?? DEFAULT_PROMPT;
  }

  /** True while a command runs. */
  get busy(): boolean {
    return this.running !== null;
  }

  /** The current history (oldest first). */
  get entries(): readonly string[] {
    return this.history.entries;
  }

  /** Turns on bracketed paste (xterm then wraps pastes in ESC[200~ … ESC[201~) and prints the first prompt. */
  start(): void {
    this.opts.sink.write("\x1b[?2004h");
    this.cursorRow = 0;
    this.render();
  }

  dispose(): void {
    this.disposed = true;
    this.running?.abort();
  }

  /** Input from the terminal (xterm onData). */
  feed(data: string): void {
    for (const key of this.decoder.feed(data)) this.handle(key);
  }

  /**
   * Types `cmd` into a fresh line, then presses Enter (lesson "Run" buttons). Queued while busy. What the
   * learner had half-typed comes back on the next prompt, as zsh's push-line does.
   */
  runCommand(cmd: string): void {
    const keys: Key[] = [
      { kind: "key", name: "clear-line" },
      { kind: "paste", text: cmd.replace(/\n$/, "") },
      { kind: "key", name: "enter" },
    ];
    if (this.busy) return void this.queue.push({ kind: "command", cmd });
    const draft = this.search ? null : this.line;
    for (const k of keys) this.handle(k);
    if (draft && draft.buf !== "") this.queue.push({ kind: "restore", line: draft });
    this.drain();
  }

  /** Clears the screen and redraws the prompt and line (Ctrl-L). */
  clearScreen(): void {
    this.opts.sink.write("\x1b[H\x1b[2J\x1b[3J");
    this.cursorRow = 0;
    this.tail = "";
    if (!this.busy) this.render();
  }

  private handle(key: Key): void {
    if (this.disposed) return;
    if (this.busy) {
      if (key.kind === "key" && key.name === "ctrl-c") {
        this.queue = this.queue.filter((q) => q.kind === "restore" || q.kind === "command");
        if (this.running && !this.running.signal.aborted) {
          // a terminal echoes ^C at once, before the command has stopped
          this.opts.sink.write("^C\r\n");
          this.running.abort();
        }
      } else this.queue.push(key);
      return;
    }
    const wasTab = this.lastKeyTab;
    this.lastKeyTab = false;
    if (this.search) return this.handleSearch(key);
    if (key.kind === "text") {
      if (this.line.buf.length + key.text.length > MAX_COMMAND_CHARS) return this.refuse("typed", key.text.length);
      return this.edit(E.insert(this.line, key.text));
    }
    if (key.kind === "paste") return this.paste(key.text);
    this.handleKey(key.name, wasTab);
  }

  private handleKey(name: KeyName, wasTab: boolean): void {
    const move = MOVES[name];
    if (move) return this.moveTo(move(this.line));
    const edit = EDITS[name];
    if (edit) return this.edit(edit(this.line));
    switch (name) {
      case "enter":
        return this.enter();
      case "ctrl-d":
        return this.line.buf === "" ? this.bell() : this.edit(E.del(this.line));
      case "up":
      case "ctrl-p":
        return this.vertical(-1);
      case "down":
      case "ctrl-n":
        return this.vertical(1);
      case "tab":
        this.lastKeyTab = true;
        return this.complete(wasTab);
      case "ctrl-c":
        this.finishBlock("^C");
        this.line = { buf: "", cursor: 0 };
        this.history.reset();
        return this.render();
      case "ctrl-l":
        return this.clearScreen();
      case "ctrl-r":
        this.search = { query: "", match: -1, failed: false, saved: this.line };
        return this.render();
      default:
        return;
    }
  }

  private edit(next: E.LineState): void {
    this.line = next;
    this.render();
  }

  private moveTo(cursor: number): void {
    this.line = { ...this.line, cursor };
    this.render();
  }

  private bell(): void {
    this.opts.sink.write("\x07");
  }

  private vertical(dir: -1 | 1): void {
    const inside = E.verticalMove(this.line, dir);
    if (inside !== null) return this.moveTo(inside);
    const buf = this.history.step(dir, this.line.buf);
    if (buf === undefined) return this.bell();
    this.edit({ buf, cursor: buf.length });
  }

  /**
   * Pasted text: newlines act as Enter, so a heredoc (incomplete until its terminator) stays one command.
   * A paste that could make a command longer than MAX_COMMAND_CHARS (a heredoc collects all of it) is
   * refused whole, before anything of it runs: half a heredoc must not run as commands.
   */
  private paste(text: string): void {
    if (this.line.buf.length + text.length > MAX_COMMAND_CHARS) return this.refuse("pasted", text.length);
    const parts = text.replace(/\r\n?/g, "\n").split("\n");
    const keys: Key[] = [];
    parts.forEach((p, i) => {
      if (p !== "") keys.push({ kind: "text", text: p });
      if (i < parts.length - 1) keys.push({ kind: "key", name: "enter" });
    });
    const [first, ...rest] = keys;
    // not unshift(...rest): a spread of that many arguments overflows the call stack
    this.queue = (rest as Queued[]).concat(this.queue);
    if (first) this.handle(first);
    this.drain();
  }

  /** Says why input was dropped, below the line being edited, and draws the line again. */
  private refuse(how: "pasted" | "typed", chars: number): void {
    this.finishBlock("");
    this.opts.sink.write(
      `bash: ${how} text refused: ${thousands(chars)} characters would make a command longer than ${thousands(MAX_COMMAND_CHARS)}, ` +
        "the most the lab saves for one command; put long manifests in files (the Files tab) and apply them\r\n",
    );
    this.bell();
    this.render();
  }

  private drain(): void {
    while (!this.busy && this.queue.length > 0) {
      const next = this.queue.shift() as Queued;
      if (next.kind === "restore") this.edit(next.line);
      else if (next.kind === "command") this.runCommand(next.cmd);
      else this.handle(next);
    }
  }

  private enter(): void {
    const text = this.line.buf;
    if (this.opts.backend.isIncomplete?.(text)) {
      this.edit({ buf: text + "\n", cursor: text.length + 1 });
      return;
    }
    this.finishBlock("");
    this.line = { buf: "", cursor: 0 };
    if (text.trim() === "") return this.render();
    this.history.add(text);
    void this.exec(text);
  }

  private async exec(text: string): Promise<void> {
    const ctl = this.opts.createAbortController();
    this.running = ctl;
    let output = "";
    let clear = false;
    // what a streaming command already printed after its last newline (the prompt's line may start with it)
    let streamedTail = "";
    const stream = {
      write: (chunk: string): void => {
        if (this.disposed || this.running !== ctl || ctl.signal.aborted || chunk === "") return;
        this.opts.sink.write(chunk.replace(/\r?\n/g, "\r\n"));
        const nl = chunk.lastIndexOf("\n");
        streamedTail = nl < 0 ? streamedTail + chunk : chunk.slice(nl + 1);
      },
    };
    try {
      const r = await this.opts.backend.execute(text, ctl.signal, stream);
      output = r.output;
      clear = r.clear === true;
    } catch (e) {
      output = `bash: internal error: ${e instanceof Error ? e.message : String(e)}\n`;
    }
    if (this.disposed) return;
    this.running = null;
    if (ctl.signal.aborted) {
      output = output.replace(/^\^C\r?\n/, "");
      streamedTail = ""; // the ^C echo ended the line
    }
    if (clear) this.opts.sink.write("\x1b[H\x1b[2J\x1b[3J");
    this.opts.sink.write(output.replace(/\r?\n/g, "\r\n"));
    const nl = output.lastIndexOf("\n");
    const last = nl < 0 && !clear ? streamedTail + output : output.slice(nl + 1);
    this.tail = last.slice(last.lastIndexOf("\r") + 1);
    // the cursor sits on the tail's last row (a full row keeps it there until the next character wraps)
    this.cursorRow = this.tail === "" ? 0 : Math.floor((visibleWidth(this.tail) - 1) / Math.max(1, this.opts.cols()));
    this.render();
    this.drain();
  }

  /** Ends the drawn block: cursor to its end, optional marker (`^C`), new line. */
  private finishBlock(marker: string): void {
    const { endRow } = this.currentLayout();
    this.opts.sink.write(
      (endRow > this.cursorRow ? `\x1b[${endRow - this.cursorRow}B` : "") +
        "\r" +
        this.lastLineMove() +
        marker +
        "\r\n",
    );
    this.cursorRow = 0;
    this.tail = "";
  }

  private lastLineMove(): string {
    const lines = this.line.buf.split("\n");
    const lastPrompt = lines.length === 1 ? this.firstPrompt() : CONTINUATION_PROMPT;
    const w = visibleWidth(lastPrompt) + [...(lines[lines.length - 1] as string)].length;
    const col = w % this.opts.cols();
    return col > 0 ? `\x1b[${col}C` : "";
  }

  /** What precedes the first line of the block: the previous output's unterminated tail, then the prompt. */
  private firstPrompt(): string {
    return this.tail + this.prompt;
  }

  private blockLines(): { prompts: string[]; lines: string[]; cursor: number } {
    if (this.search) {
      const view = searchView(this.search, this.history.entries, CONTINUATION_PROMPT);
      return { ...view, prompts: view.prompts.map((p, i) => (i === 0 ? this.tail + p : p)) };
    }
    const lines = this.line.buf.split("\n");
    return {
      prompts: lines.map((_, i) => (i === 0 ? this.firstPrompt() : CONTINUATION_PROMPT)),
      lines,
      cursor: this.line.cursor,
    };
  }

  private currentLayout(block = this.blockLines()): ReturnType<typeof layout> {
    return layout(block.prompts, block.lines, block.cursor, Math.max(1, this.opts.cols()));
  }

  /** Redraws the block from its first row: prompt(s) and text, then places the cursor. */
  private render(): void {
    const block = this.blockLines();
    const { prompts, lines } = block;
    const lay = this.currentLayout(block);
    let out = (this.cursorRow > 0 ? `\x1b[${this.cursorRow}A` : "") + "\r\x1b[J";
    out += lines.map((l, i) => (prompts[i] ?? "") + l).join("\r\n");
    if (lay.endsAtMargin) out += "\r\n";
    const up = lay.endRow - lay.cursorRow;
    out += (up > 0 ? `\x1b[${up}A` : "") + "\r" + (lay.cursorCol > 0 ? `\x1b[${lay.cursorCol}C` : "");
    this.cursorRow = lay.cursorRow;
    this.opts.sink.write(out);
  }

  private complete(secondTab: boolean): void {
    const { replaceFrom, candidates } = this.opts.backend.complete(this.line.buf, this.line.cursor);
    const action = completionAction(this.line, replaceFrom, candidates, secondTab);
    if (action.kind === "bell") return this.bell();
    if (action.kind === "replace") return this.edit(action.line);
    this.finishBlock("");
    this.opts.sink.write(columns(action.items, this.opts.cols()).join("\r\n") + "\r\n");
    this.render();
  }

  private handleSearch(key: Key): void {
    const s = this.search as SearchState;
    const action = searchKey(s, this.history.entries, key);
    if (action.kind === "redraw") {
      if (action.bell) this.bell();
      return this.render();
    }
    this.search = null;
    if (action.kind === "cancel") {
      this.line = s.saved;
      return this.render();
    }
    this.line = { buf: action.buf, cursor: action.buf.length };
    if (action.match >= 0) this.history.goTo(action.match);
    this.render();
    if (action.enter) this.enter();
  }
}
