/** Tab completion policy: one candidate is inserted (plus a space), else the common prefix, else a listing on the second Tab. */
import { commonPrefix, type LineState } from "./edit";

export type CompletionAction =
  | { readonly kind: "bell" }
  | { readonly kind: "replace"; readonly line: LineState }
  | { readonly kind: "list"; readonly items: readonly string[] };

/** Decides what Tab does for `line` given the backend's candidates. */
export function completionAction(
  line: LineState,
  replaceFrom: number,
  candidates: readonly string[],
  secondTab: boolean,
): CompletionAction {
  const word = line.buf.slice(replaceFrom, line.cursor);
  const replaceWith = (s: string): CompletionAction => ({
    kind: "replace",
    line: { buf: line.buf.slice(0, replaceFrom) + s + line.buf.slice(line.cursor), cursor: replaceFrom + s.length },
  });
  if (candidates.length === 0) return { kind: "bell" };
  if (candidates.length === 1) {
    const c = candidates[0] as string;
    return replaceWith(c.endsWith("/") ? c : c + " ");
  }
  const prefix = commonPrefix(candidates);
  if (prefix.length > word.length) return replaceWith(prefix);
  return secondTab ? { kind: "list", items: candidates } : { kind: "bell" };
}
