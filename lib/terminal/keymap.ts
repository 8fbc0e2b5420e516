/** Which keys move the cursor and which edit the line (readline's emacs bindings). */
import * as E from "./edit";
import type { KeyName } from "./keys";

type Move = (l: E.LineState) => number;
type Edit = (l: E.LineState) => E.LineState;

const left: Move = (l) => Math.max(0, l.cursor - 1);
const right: Move = (l) => Math.min(l.buf.length, l.cursor + 1);
const home: Move = (l) => E.lineBounds(l.buf, l.cursor).start;
const end: Move = (l) => E.lineBounds(l.buf, l.cursor).end;
const wordLeft: Move = (l) => E.wordLeft(l.buf, l.cursor);
const wordRight: Move = (l) => E.wordRight(l.buf, l.cursor);

/** Cursor movements. */
export const MOVES: Partial<Record<KeyName, Move>> = {
  left,
  "ctrl-b": left,
  right,
  "ctrl-f": right,
  home,
  "ctrl-a": home,
  end,
  "ctrl-e": end,
  "alt-b": wordLeft,
  "word-left": wordLeft,
  "alt-f": wordRight,
  "word-right": wordRight,
};

/** Line edits. */
export const EDITS: Partial<Record<KeyName, Edit>> = {
  backspace: E.backspace,
  delete: E.del,
  "ctrl-u": (l) => E.killToStart(l).state,
  "ctrl-k": (l) => E.killToEnd(l).state,
  "ctrl-w": E.killWordBack,
  "alt-backspace": E.killWordBack,
  "alt-d": E.killWordForward,
  "clear-line": () => ({ buf: "", cursor: 0 }),
};
