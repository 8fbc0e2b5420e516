/** Reverse incremental history search (readline's Ctrl-R), as pure state transitions. */
import type { LineState } from "./edit";
import type { Key } from "./keys";

export interface SearchState {
  query: string;
  /** Index in history of the current match, or -1. */
  match: number;
  failed: boolean;
  /** The line being edited when the search started (restored on Ctrl-G / Ctrl-C). */
  readonly saved: LineState;
}

export type SearchAction =
  | { readonly kind: "redraw"; readonly bell?: boolean }
  | { readonly kind: "cancel" }
  /** Leave search with this line; `enter` runs it, other keys just stop searching. */
  | { readonly kind: "accept"; readonly buf: string; readonly match: number; readonly enter: boolean };

function findBack(history: readonly string[], from: number, query: string): number {
  for (let i = from; i >= 0; i--) if ((history[i] as string).includes(query)) return i;
  return -1;
}

/** Applies one key to the search (mutating `s`) and says what the editor should do. */
export function searchKey(s: SearchState, history: readonly string[], key: Key): SearchAction {
  if (key.kind === "text" || key.kind === "paste") {
    s.query += key.text;
    const m = findBack(history, s.match >= 0 ? s.match : history.length - 1, s.query);
    s.failed = m < 0;
    if (m >= 0) s.match = m;
    return { kind: "redraw" };
  }
  switch (key.name) {
    case "ctrl-r": {
      const m = findBack(history, (s.match >= 0 ? s.match : history.length) - 1, s.query);
      s.failed = m < 0;
      if (m >= 0) s.match = m;
      return { kind: "redraw", bell: m < 0 };
    }
    case "backspace": {
      s.query = s.query.slice(0, -1);
      const m = s.query === "" ? s.match : findBack(history, history.length - 1, s.query);
      s.failed = m < 0 && s.query !== "";
      if (m >= 0) s.match = m;
      return { kind: "redraw" };
    }
    case "ctrl-g":
    case "ctrl-c":
      return { kind: "cancel" };
    default:
      return {
        kind: "accept",
        buf: s.match >= 0 ? (history[s.match] as string) : s.saved.buf,
        match: s.match,
        enter: key.name === "enter",
      };
  }
}

/** The prompt and text shown while searching: `(reverse-i-search)\`q': match`. */
export function searchView(
  s: SearchState,
  history: readonly string[],
  continuation: string,
): { prompts: string[]; lines: string[]; cursor: number } {
  const shown = s.match >= 0 ? (history[s.match] as string) : s.saved.buf;
  const lines = shown.split("\n");
  const at = s.match >= 0 ? Math.max(0, shown.indexOf(s.query)) : 0;
  return {
    prompts: lines.map((_, i) =>
      i === 0 ? `(${s.failed ? "failed " : ""}reverse-i-search)\`${s.query}': ` : continuation,
    ),
    lines,
    cursor: at,
  };
}
