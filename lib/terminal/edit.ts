/** Pure editing operations on a line buffer (readline semantics: words are runs of letters and digits). */
export interface LineState {
  readonly buf: string;
  readonly cursor: number;
}

const isWord = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9]/.test(c);

/** Position of the start of the word before `pos` (Alt-B, Ctrl-W uses whitespace instead). */
export function wordLeft(buf: string, pos: number): number {
  let i = pos;
  while (i > 0 && !isWord(buf[i - 1])) i--;
  while (i > 0 && isWord(buf[i - 1])) i--;
  return i;
}

/** Position after the end of the word at or after `pos` (Alt-F). */
export function wordRight(buf: string, pos: number): number {
  let i = pos;
  while (i < buf.length && !isWord(buf[i])) i++;
  while (i < buf.length && isWord(buf[i])) i++;
  return i;
}

export const insert = (s: LineState, text: string): LineState => ({
  buf: s.buf.slice(0, s.cursor) + text + s.buf.slice(s.cursor),
  cursor: s.cursor + text.length,
});
export const backspace = (s: LineState): LineState =>
  s.cursor === 0 ? s : { buf: s.buf.slice(0, s.cursor - 1) + s.buf.slice(s.cursor), cursor: s.cursor - 1 };
export const del = (s: LineState): LineState =>
  s.cursor >= s.buf.length ? s : { buf: s.buf.slice(0, s.cursor) + s.buf.slice(s.cursor + 1), cursor: s.cursor };

/** Start and end of the logical line (between newlines) holding `pos`. */
export function lineBounds(buf: string, pos: number): { start: number; end: number } {
  const start = buf.lastIndexOf("\n", pos - 1) + 1;
  const nl = buf.indexOf("\n", pos);
  return { start, end: nl < 0 ? buf.length : nl };
}

/** Ctrl-U: delete from the start of the line to the cursor; returns the killed text too. */
export function killToStart(s: LineState): { state: LineState; killed: string } {
  const { start } = lineBounds(s.buf, s.cursor);
  return {
    state: { buf: s.buf.slice(0, start) + s.buf.slice(s.cursor), cursor: start },
    killed: s.buf.slice(start, s.cursor),
  };
}

/** Ctrl-K: delete from the cursor to the end of the line. */
export function killToEnd(s: LineState): { state: LineState; killed: string } {
  const { end } = lineBounds(s.buf, s.cursor);
  return {
    state: { buf: s.buf.slice(0, s.cursor) + s.buf.slice(end), cursor: s.cursor },
    killed: s.buf.slice(s.cursor, end),
  };
}

/** Ctrl-W: delete the whitespace-delimited word before the cursor (unix-word-rubout). */
export function killWordBack(s: LineState): LineState {
  let i = s.cursor;
  while (i > 0 && /\s/.test(s.buf[i - 1] ?? "")) i--;
  while (i > 0 && !/\s/.test(s.buf[i - 1] ?? "")) i--;
  return { buf: s.buf.slice(0, i) + s.buf.slice(s.cursor), cursor: i };
}

/** Alt-D: delete the word after the cursor. */
export function killWordForward(s: LineState): LineState {
  const end = wordRight(s.buf, s.cursor);
  return { buf: s.buf.slice(0, s.cursor) + s.buf.slice(end), cursor: s.cursor };
}

/** Up/Down inside a multi-line buffer: same column on the neighbouring line, or null at the edge. */
export function verticalMove(s: LineState, dir: -1 | 1): number | null {
  const { start, end } = lineBounds(s.buf, s.cursor);
  const col = s.cursor - start;
  if (dir < 0) {
    if (start === 0) return null;
    const prev = lineBounds(s.buf, start - 1);
    return Math.min(prev.start + col, prev.end);
  }
  if (end >= s.buf.length) return null;
  const next = lineBounds(s.buf, end + 1);
  return Math.min(next.start + col, next.end);
}

/** Longest common prefix of the strings. */
export function commonPrefix(items: readonly string[]): string {
  if (items.length === 0) return "";
  let p = items[0] as string;
  for (const s of items) while (!s.startsWith(p)) p = p.slice(0, -1);
  return p;
}
