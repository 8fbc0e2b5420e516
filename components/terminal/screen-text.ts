/** Reading the terminal's screen back: what Copy puts on the clipboard, and how wide an output is. */
import { visibleWidth } from "@/lib/terminal/layout";

/** Widest line of `output` in columns (ANSI colours take none). */
export function widestLine(output: string): number {
  let max = 0;
  for (const line of output.split("\n"))
    if (line.length > max) max = Math.max(max, visibleWidth(line.replace(/\r$/, "")));
  return max;
}

/**
 * The screen's text for Copy: rows that xterm soft-wrapped are joined back into the line that was printed
 * (a wrapped row continues its predecessor, so that one is taken untrimmed).
 */
export function screenText(buffer: {
  length: number;
  getLine(i: number): { isWrapped: boolean; translateToString(trimRight?: boolean): string } | undefined;
}): string {
  const lines: string[] = [];
  for (let i = 0; i < buffer.length; i++) {
    const line = buffer.getLine(i);
    if (!line) continue;
    const continues = buffer.getLine(i + 1)?.isWrapped === true;
    const text = line.translateToString(!continues);
    if (line.isWrapped && lines.length > 0) lines[lines.length - 1] += text;
    else lines.push(text);
  }
  return lines.join("\n").trimEnd();
}
