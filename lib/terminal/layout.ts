/**
 * Where text lands on a terminal of `cols` columns: each logical line starts with its prompt and wraps; a
 * line of exactly `cols` characters fills one row (the next line starts on the next row).
 */

/** Visible width (ANSI colour sequences take no columns). */
export function visibleWidth(s: string): number {
  return [...s.replace(/\x1b\[[0-9;]*m/g, "")].length;
}

/** Rows a logical line of `width` columns occupies when followed by another line. */
function rowsOf(width: number, cols: number): number {
  return Math.max(1, Math.ceil(width / cols));
}

export interface Layout {
  /** Row (0-based, within the block) and column of a position. */
  readonly cursorRow: number;
  readonly cursorCol: number;
  /** Row where the cursor is after writing the whole block (an exact fill moves to a new row). */
  readonly endRow: number;
  /** The block ends exactly at the right margin: the writer must emit "\r\n" to move past it. */
  readonly endsAtMargin: boolean;
}

/** Computes the layout of `prompts[i] + lines[i]` for each line, with the cursor at `cursor` in the joined text. */
export function layout(prompts: readonly string[], lines: readonly string[], cursor: number, cols: number): Layout {
  let row = 0;
  let offset = 0;
  let cursorRow = 0;
  let cursorCol = 0;
  let endRow = 0;
  let endsAtMargin = false;
  lines.forEach((line, i) => {
    const pw = visibleWidth(prompts[i] ?? "");
    const w = pw + [...line].length;
    if (cursor >= offset && cursor <= offset + line.length) {
      const p = pw + [...line.slice(0, cursor - offset)].length;
      cursorRow = row + Math.floor(p / cols);
      cursorCol = p % cols;
    }
    if (i === lines.length - 1) {
      endsAtMargin = w > 0 && w % cols === 0;
      endRow = row + Math.floor(w / cols);
    }
    row += rowsOf(w, cols);
    offset += line.length + 1;
  });
  return { cursorRow, cursorCol, endRow, endsAtMargin };
}

/** GNU-style columns for a completion listing. */
export function columns(items: readonly string[], cols: number): string[] {
  if (items.length === 0) return [];
  const width = Math.max(...items.map((s) => [...s].length)) + 2;
  const perRow = Math.max(1, Math.floor((cols + 2) / width));
  const rows = Math.ceil(items.length / perRow);
  const out: string[] = [];
  for (let r = 0; r < rows; r++) {
    let line = "";
    for (let c = 0; c < perRow; c++) {
      const item = items[c * rows + r];
      if (item === undefined) continue;
      line += c === perRow - 1 || items[(c + 1) * rows + r] === undefined ? item : item.padEnd(width);
    }
    out.push(line);
  }
  return out;
}
