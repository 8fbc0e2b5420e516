/**
 * Bash-style lexer for the lab: words with '…', "…", \ escapes and $VAR / ${VAR} / $?, operators
 * | || && ; > >> 2> 2>> &> 2>&1 >&2 < << <<- and newlines. Comments start at an unquoted # that begins a word.
 */
import type { Word, WordPart } from "./ast";

export type Token =
  | { readonly type: "word"; readonly word: Word; readonly raw: string }
  | { readonly type: "op"; readonly op: string; readonly start: number }
  | { readonly type: "newline"; readonly start: number };

export type LexResult =
  | { readonly kind: "ok"; readonly tokens: Token[]; readonly end: number }
  | { readonly kind: "open-quote"; readonly quote: string; readonly tokens: Token[] }
  | { readonly kind: "continuation"; readonly tokens: Token[] };

const OPS = ["2>&1", ">&2", "1>&2", "2>>", "1>>", "&>", "<<-", "&&", "||", ">>", "2>", "1>", "<<", "|", ";", ">", "<"];
const VAR_START = /[A-Za-z_]/;
const VAR_CHAR = /[A-Za-z0-9_]/;

/** Reads `$…` at `i` (pointing at `$`); returns the part and the next index, or undefined for a literal `$`. */
function readVar(src: string, i: number, quoted: boolean): { part: WordPart; next: number } | undefined {
  const c = src[i + 1] ?? "";
  if (c === "{") {
    const close = src.indexOf("}", i + 2);
    if (close < 0) return undefined;
    return { part: { kind: "var", name: src.slice(i + 2, close), quoted }, next: close + 1 };
  }
  if (c === "?" || c === "$" || c === "#" || /[0-9]/.test(c))
    return { part: { kind: "var", name: c, quoted }, next: i + 2 };
  if (!VAR_START.test(c)) return undefined;
  let j = i + 1;
  while (j < src.length && VAR_CHAR.test(src[j] ?? "")) j++;
  return { part: { kind: "var", name: src.slice(i + 1, j), quoted }, next: j };
}

/**
 * Tokenises `src` from `from`; with `stopAtNewline` it stops after the first unquoted newline (the parser then
 * reads heredoc bodies from `end`).
 */
export function lex(src: string, from = 0, stopAtNewline = false): LexResult {
  const to = src.length;
  const tokens: Token[] = [];
  let i = from;
  while (i < to) {
    const c = src[i] ?? "";
    if (c === " " || c === "\t") {
      i++;
      continue;
    }
    if (c === "\n") {
      tokens.push({ type: "newline", start: i });
      i++;
      if (stopAtNewline) return { kind: "ok", tokens, end: i };
      continue;
    }
    if (c === "\\" && src[i + 1] === "\n") {
      i += 2;
      continue;
    }
    if (c === "\\" && i + 1 >= to) return { kind: "continuation", tokens };
    if (c === "#") {
      while (i < to && src[i] !== "\n") i++;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i) && i + o.length <= to);
    if (op !== undefined && (!/^[12]/.test(op) || isFdStart(src, i, from))) {
      tokens.push({ type: "op", op, start: i });
      i += op.length;
      continue;
    }
    // a word
    const start = i;
    const parts: WordPart[] = [];
    let lit = "";
    let litQuoted = false;
    let hadQuote = false;
    const flush = (): void => {
      if (lit !== "") parts.push({ kind: "lit", text: lit, quoted: litQuoted });
      lit = "";
    };
    const addLit = (s: string, quoted: boolean): void => {
      if (quoted !== litQuoted) flush();
      litQuoted = quoted;
      lit += s;
    };
    while (i < to) {
      const ch = src[i] ?? "";
      if (
        ch === " " ||
        ch === "\t" ||
        ch === "\n" ||
        ch === "|" ||
        ch === ";" ||
        ch === "<" ||
        ch === ">" ||
        (ch === "&" && (src[i + 1] === "&" || src[i + 1] === ">"))
      )
        break;
      if (ch === "\\") {
        if (i + 1 >= to) return { kind: "continuation", tokens };
        if (src[i + 1] === "\n") {
          i += 2;
          continue;
        }
        addLit(src[i + 1] ?? "", true);
        i += 2;
        continue;
      }
      if (ch === "'") {
        const close = src.indexOf("'", i + 1);
        if (close < 0 || close >= to) return { kind: "open-quote", quote: "'", tokens };
        addLit(src.slice(i + 1, close), true);
        hadQuote = true;
        i = close + 1;
        continue;
      }
      if (ch === '"') {
        let j = i + 1;
        let closed = false;
        hadQuote = true;
        while (j < to) {
          const d = src[j] ?? "";
          if (d === '"') {
            closed = true;
            j++;
            break;
          }
          if (d === "\\" && /[\\"$`\n]/.test(src[j + 1] ?? "")) {
            if (src[j + 1] !== "\n") addLit(src[j + 1] ?? "", true);
            j += 2;
            continue;
          }
          if (d === "$") {
            const v = readVar(src, j, true);
            if (v) {
              flush();
              parts.push(v.part);
              j = v.next;
              continue;
            }
          }
          addLit(d, true);
          j++;
        }
        if (!closed) return { kind: "open-quote", quote: '"', tokens };
        i = j;
        continue;
      }
      if (ch === "$") {
        const v = readVar(src, i, false);
        if (v) {
          flush();
          parts.push(v.part);
          i = v.next;
          continue;
        }
      }
      addLit(ch, false);
      i++;
    }
    flush();
    if (parts.length === 0 && hadQuote) parts.push({ kind: "lit", text: "", quoted: true });
    tokens.push({ type: "word", word: { parts, start, end: i }, raw: src.slice(start, i) });
  }
  return { kind: "ok", tokens, end: i };
}

/** `2>` and friends are operators only at the start of a word (`a2>b` is the word a2 then >b). */
function isFdStart(src: string, i: number, from: number): boolean {
  if (i === from) return true;
  const prev = src[i - 1] ?? "";
  return prev === " " || prev === "\t" || prev === "\n" || prev === ";" || prev === "|" || prev === "&";
}
