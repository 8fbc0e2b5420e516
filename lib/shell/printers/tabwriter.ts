/**
 * Go `text/tabwriter` semantics (the subset kubectl, cilium and hubble use): cells end at a tab, the text after
 * the last tab of a line is not part of any column, and consecutive lines that have a cell in column k form one
 * alignment block for that column. Width of a column block = max(minwidth, longest cell + padding).
 * Source: Go `src/text/tabwriter/tabwriter.go` (format / writeLines). One deliberate difference: padding at the
 * end of a line (empty trailing cells, `cilium endpoint list`'s label rows) is dropped — invisible in a real
 * terminal, it wraps into blank rows in a narrow one.
 */
export interface TabwriterOptions {
  readonly minwidth: number;
  readonly padding: number;
}

/** kubectl get tables (cli-runtime printers/tabwriter.go): minwidth 6, tabwidth 4, padding 3. */
export const KUBECTL_TABLE: TabwriterOptions = { minwidth: 6, padding: 3 };
/** kubectl describe (describe.go tabbedString): minwidth 0, tabwidth 8, padding 2. */
export const DESCRIBE: TabwriterOptions = { minwidth: 0, padding: 2 };

/** Display width of a cell: Go counts runes. */
function runeWidth(s: string): number {
  // ASCII fast path: one column per UTF-16 unit
  return /^[\x00-\x7f]*$/.test(s) ? s.length : [...s].length;
}

/** Formats text containing tabs and newlines exactly as a Go tabwriter flushed once would. */
export function tabwrite(text: string, opts: TabwriterOptions): string {
  const endsWithNewline = text.endsWith("\n");
  const rawLines = (endsWithNewline ? text.slice(0, -1) : text).split("\n");
  const lines = rawLines.map((l) => l.split("\t"));
  const fast = uniform(lines, opts);
  if (fast !== undefined) return trimLines(fast) + (endsWithNewline ? "\n" : "");
  const out: string[] = [];
  const widths: number[] = [];

  const writeLines = (from: number, to: number): void => {
    for (let i = from; i < to; i++) {
      const cells = lines[i] ?? [];
      let s = "";
      cells.forEach((c, j) => {
        const w = widths[j];
        if (w !== undefined && j < cells.length - 1) s += c + " ".repeat(Math.max(0, w - runeWidth(c)));
        else s += c;
      });
      out.push(s);
    }
  };

  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    let start = line0;
    for (let self = line0; self < line1; self++) {
      if (column >= (lines[self]?.length ?? 0) - 1) continue;
      writeLines(start, self);
      start = self;
      let width = opts.minwidth;
      for (; self < line1; self++) {
        const line = lines[self] ?? [];
        if (column >= line.length - 1) break;
        width = Math.max(width, runeWidth(line[column] ?? "") + opts.padding);
      }
      widths.push(width);
      format(start, self);
      widths.pop();
      start = self;
      self--; // the for loop's increment re-examines the line that ended the block
    }
    writeLines(start, line1);
  };

  format(0, lines.length);
  return trimLines(out.join("\n")) + (endsWithNewline ? "\n" : "");
}

/** Drops the spaces at the end of each line. */
function trimLines(text: string): string {
  return text.includes(" \n") || text.endsWith(" ") ? text.replace(/ +$/gm, "") : text;
}

/**
 * When every line has the same number of cells (kubectl tables), every column is one block: widths are
 * simply the column maxima. Same result as the general algorithm, much cheaper for 1,000-row tables.
 */
function uniform(lines: readonly string[][], opts: TabwriterOptions): string | undefined {
  const n = lines[0]?.length ?? 0;
  if (n < 2 || !lines.every((l) => l.length === n)) return undefined;
  const widths = new Array<number>(n - 1).fill(opts.minwidth);
  for (const l of lines)
    for (let j = 0; j < n - 1; j++) widths[j] = Math.max(widths[j] as number, runeWidth(l[j] as string) + opts.padding);
  return lines
    .map((l) => l.map((c, j) => (j < n - 1 ? c + " ".repeat((widths[j] as number) - runeWidth(c)) : c)).join(""))
    .join("\n");
}

/** Convenience: rows of cells → a kubectl-style table (cells joined by tabs, last column unpadded). */
export function table(rows: readonly (readonly string[])[], opts: TabwriterOptions = KUBECTL_TABLE): string {
  if (rows.length === 0) return "";
  return tabwrite(rows.map((r) => r.join("\t")).join("\n") + "\n", opts);
}

/**
 * A tabwriter that remembers its column widths across flushes (cli-runtime's GetNewTabWriter sets
 * liggitt/tabwriter's RememberWidths): `kubectl get --watch` flushes once per event, so each new row is padded
 * to at least the widths of everything printed before, and a wider cell widens its column from then on.
 * Rows are cells; the last cell of a row is not padded.
 */
export class RememberingTable {
  private readonly widths: number[] = [];

  constructor(private readonly opts: TabwriterOptions = KUBECTL_TABLE) {}

  /** One flush: the rows as lines, each ending in a newline. */
  flush(rows: readonly (readonly string[])[]): string {
    for (const r of rows)
      for (let j = 0; j < r.length - 1; j++)
        this.widths[j] = Math.max(this.widths[j] ?? this.opts.minwidth, runeWidth(r[j] as string) + this.opts.padding);
    return rows
      .map(
        (r) =>
          r
            .map((c, j) => (j < r.length - 1 ? c + " ".repeat((this.widths[j] as number) - runeWidth(c)) : c))
            .join("")
            .replace(/ +$/, "") + "\n",
      )
      .join("");
  }
}
