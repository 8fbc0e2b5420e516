/**
 * Word expansion at run time, in bash's order: parameters ($VAR, $?), field splitting of unquoted expansions,
 * tilde, then pathname globbing against the virtual file system (no match → the word stays as written).
 */
import type { Word } from "./parse/ast";
import type { ShellState } from "./types";
import { HOME, globMatch, listDir, resolvePath } from "./vfs";

function varValue(state: ShellState, name: string): string {
  if (name === "?") return String(state.lastExit);
  if (name === "$") return "4242";
  if (name === "#" || /^[0-9]$/.test(name)) return name === "0" ? "bash" : name === "#" ? "0" : "";
  return state.env[name] ?? "";
}

interface Field {
  text: string;
  /** Mask of characters that came from unquoted text (glob-active). */
  globbable: boolean;
  hasGlob: boolean;
}

/** Expands one word into zero or more fields. */
export function expandWord(state: ShellState, w: Word): string[] {
  const fields: Field[] = [];
  let cur: Field | null = null;
  const push = (s: string, quoted: boolean): void => {
    if (cur === null) cur = { text: "", globbable: false, hasGlob: false };
    cur.text += s;
    if (!quoted && /[*?[]/.test(s)) cur.hasGlob = true;
    if (!quoted) cur.globbable = true;
  };
  w.parts.forEach((p, idx) => {
    if (p.kind === "lit") {
      let text = p.text;
      if (idx === 0 && !p.quoted && (text === "~" || text.startsWith("~/"))) text = HOME + text.slice(1);
      push(text, p.quoted);
      return;
    }
    const v = varValue(state, p.name);
    if (p.quoted) {
      push(v, true);
      return;
    }
    const pieces = v.split(/[ \t\n]+/);
    pieces.forEach((piece, i) => {
      if (i > 0 && cur !== null) {
        fields.push(cur);
        cur = null;
      }
      if (piece !== "") push(piece, true);
    });
  });
  if (cur !== null) fields.push(cur);
  if (fields.length === 0 && w.parts.some((p) => p.quoted)) return [""];
  return fields.flatMap((f) => (f.hasGlob ? glob(state, f.text) : [f.text]));
}

/** Expands a glob in the last path segment; returns the pattern itself when nothing matches (bash default). */
function glob(state: ShellState, pattern: string): string[] {
  const slash = pattern.lastIndexOf("/");
  const dirPart = slash < 0 ? "" : pattern.slice(0, slash + 1);
  const base = slash < 0 ? pattern : pattern.slice(slash + 1);
  if (/[*?[]/.test(dirPart)) return [pattern];
  const dir = resolvePath(state.cwd, dirPart === "" ? "." : dirPart);
  const hits = listDir(state.files, dir)
    .filter((e) => globMatch(base, e.name))
    .map((e) => dirPart + e.name);
  return hits.length > 0 ? hits : [pattern];
}

/** Expands a heredoc body: $VAR and \$ \\ \` in unquoted-delimiter heredocs. */
export function expandHeredoc(state: ShellState, body: string): string {
  return body.replace(
    /\\([$`\\])|\\\n|\$\{([^}]*)\}|\$([A-Za-z_][A-Za-z0-9_]*|[?$#0-9])/g,
    (m, esc: string | undefined, braced: string | undefined, bare: string | undefined) => {
      if (esc !== undefined) return esc;
      if (m === "\\\n") return "";
      return varValue(state, (braced ?? bare) as string);
    },
  );
}
