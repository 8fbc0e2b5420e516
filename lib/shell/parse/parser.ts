/**
 * Parses lexer tokens into lists of pipelines, reading heredoc bodies after the line that opens them (bash
 * reads them the same way: the body starts on the next line and ends at a line equal to the delimiter).
 */
import type { ListItem, ParseResult, Pipeline, Redirect, SimpleCommand, Word } from "./ast";
import { lex, type Token } from "./lexer";

const ASSIGN = /^([A-Za-z_][A-Za-z0-9_]*)=/;

/** The literal text of a word with no expansions (heredoc delimiters, assignment names). */
export function literal(w: Word): string {
  return w.parts.map((p) => (p.kind === "lit" ? p.text : "$" + p.name)).join("");
}

function isQuoted(w: Word): boolean {
  return w.parts.some((p) => p.quoted);
}

type Heredoc = Extract<Redirect, { kind: "heredoc" }>;

/** Reads heredoc bodies starting at `pos`; returns the position after the last terminator, or -1 if one is missing. */
function readBodies(src: string, pos: number, pending: Heredoc[], atEof: boolean): number {
  for (const h of pending) {
    const lines: string[] = [];
    let found = false;
    while (pos < src.length) {
      const nl = src.indexOf("\n", pos);
      const line = src.slice(pos, nl < 0 ? src.length : nl);
      pos = nl < 0 ? src.length : nl + 1;
      const cmp = h.stripTabs ? line.replace(/^\t+/, "") : line;
      if (cmp === h.delimiter) {
        found = true;
        break;
      }
      lines.push(h.stripTabs ? cmp : line);
    }
    if (!found && !atEof) return -1;
    h.body = lines.map((l) => l + "\n").join("");
  }
  return pos;
}

function syntaxError(tok: string): ParseResult {
  return { kind: "error", message: `bash: syntax error near unexpected token \`${tok}'` };
}

/**
 * Parses a whole input (one command, or several lines of them, heredocs included). With `atEof` a heredoc
 * missing its terminator ends at the end of the text, as bash does at end of file (with a warning).
 */
export function parse(src: string, atEof = false): ParseResult {
  const items: ListItem[] = [];
  let nextOp: ListItem["op"] = ";";
  let pipeline: SimpleCommand[] = [];
  let words: Word[] = [];
  let assigns: { name: string; value: Word }[] = [];
  let redirects: Redirect[] = [];
  let pending: Heredoc[] = [];
  let awaiting: "pipe" | "andor" | null = null;

  const endCommand = (): boolean => {
    if (words.length === 0 && assigns.length === 0 && redirects.length === 0) return false;
    pipeline.push({ words, assignments: assigns, redirects });
    words = [];
    assigns = [];
    redirects = [];
    return true;
  };
  const endPipeline = (): void => {
    endCommand();
    if (pipeline.length > 0) items.push({ op: nextOp, pipeline: { commands: pipeline } satisfies Pipeline });
    pipeline = [];
  };

  let pos = 0;
  while (pos < src.length) {
    const r = lex(src, pos, true);
    if (r.kind === "open-quote") return { kind: "incomplete", reason: "quote", quote: r.quote };
    if (r.kind === "continuation") return { kind: "incomplete", reason: "continuation" };
    const toks: Token[] = r.tokens;
    for (let t = 0; t < toks.length; t++) {
      const tok = toks[t] as Token;
      if (tok.type === "newline") {
        if (awaiting === null) endPipeline();
        nextOp = awaiting === null ? ";" : nextOp;
        continue;
      }
      if (tok.type === "word") {
        awaiting = null;
        const lit = tok.word.parts[0];
        const m = words.length === 0 && lit?.kind === "lit" && !lit.quoted ? ASSIGN.exec(lit.text) : null;
        if (m && lit?.kind === "lit") {
          const rest = [{ ...lit, text: lit.text.slice(m[0].length) }, ...tok.word.parts.slice(1)].filter(
            (p) => p.kind !== "lit" || p.text !== "" || p.quoted,
          );
          assigns.push({ name: m[1] as string, value: { parts: rest, start: tok.word.start, end: tok.word.end } });
        } else words.push(tok.word);
        continue;
      }
      const op = tok.op;
      if (op === "|" || op === "&&" || op === "||" || op === ";") {
        const had = endCommand();
        if (!had) return syntaxError(op);
        if (op === "|") {
          awaiting = "pipe";
          continue;
        }
        items.push({ op: nextOp, pipeline: { commands: pipeline } });
        pipeline = [];
        nextOp = op;
        awaiting = op === ";" ? null : "andor";
        continue;
      }
      if (op === "2>&1" || op === ">&2" || op === "1>&2") {
        redirects.push(op === "2>&1" ? { kind: "dup", fd: 2, to: 1 } : { kind: "dup", fd: 1, to: 2 });
        continue;
      }
      const target = toks[t + 1];
      if (target?.type !== "word") return syntaxError(target?.type === "op" ? target.op : "newline");
      t++;
      if (op === "<<" || op === "<<-") {
        const h: Heredoc = {
          kind: "heredoc",
          delimiter: literal(target.word),
          quoted: isQuoted(target.word),
          stripTabs: op === "<<-",
          body: undefined,
        };
        redirects.push(h);
        pending.push(h);
      } else if (op === "<") redirects.push({ kind: "in", target: target.word });
      else {
        const fd = op.startsWith("2") ? 2 : op === "&>" ? "both" : 1;
        redirects.push({ kind: "out", fd, append: op.endsWith(">>"), target: target.word });
      }
    }
    pos = r.end;
    if (pending.length > 0) {
      const after = readBodies(src, pos, pending, atEof);
      if (after < 0)
        return { kind: "incomplete", reason: "heredoc", delimiter: pending[pending.length - 1]?.delimiter ?? "" };
      pos = after;
      pending = [];
    }
  }
  if (pending.length > 0) return { kind: "incomplete", reason: "heredoc", delimiter: pending[0]?.delimiter ?? "" };
  if (awaiting !== null) return { kind: "incomplete", reason: "continuation" };
  endPipeline();
  return { kind: "ok", items };
}

/** True when the text needs more lines before it can run (the line editor shows the `> ` prompt). */
export function isIncomplete(src: string): boolean {
  return parse(src).kind === "incomplete";
}
