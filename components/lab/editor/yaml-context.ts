/**
 * Where the cursor is in a block-YAML manifest, read from indentation (the text may not parse while it is
 * being typed): the key path of the mapping it is in (`"[]"` for list items), whether it is typing a key
 * or a value (and of which key), the document's kind, and the word being typed.
 */

export interface YamlContext {
  readonly path: readonly string[];
  readonly mode: "key" | "value";
  /** The key whose value is being typed (mode "value"). */
  readonly key?: string;
  readonly kind?: string;
  /** The partial word and where it starts. */
  readonly word: string;
  readonly from: number;
  /** Column of the word (for indenting inserted blocks). */
  readonly column: number;
  /** Nothing but blanks and comments in this document so far. */
  readonly emptyDoc: boolean;
}

interface Frame {
  readonly col: number;
  readonly dash: boolean;
  readonly key?: string;
  /** The key has a value on the same line. */
  readonly inline?: boolean;
}

/** `  - name: x` → dash at 2, key `name` at 4 (inline). */
function frames(line: string): Frame[] {
  const out: Frame[] = [];
  let i = 0;
  for (;;) {
    while (line[i] === " ") i++;
    if (line[i] === "-" && (line[i + 1] === " " || i + 1 === line.length)) {
      out.push({ col: i, dash: true });
      i += 1;
      continue;
    }
    break;
  }
  const m = /^("[^"]*"|'[^']*'|[^\s:#][^:#]*?)\s*:(\s|$)(.*)$/.exec(line.slice(i));
  if (m)
    out.push({
      col: i,
      dash: false,
      key: (m[1] as string).replace(/^["']|["']$/g, ""),
      inline: (m[3] ?? "").replace(/#.*$/, "").trim() !== "",
    });
  return out;
}

const blank = (l: string) => /^\s*(#.*)?$/.test(l);

export function yamlContext(text: string, pos: number): YamlContext {
  const lineStart = text.lastIndexOf("\n", pos - 1) + 1;
  const before = text.slice(lineStart, pos);
  const lines = text.slice(0, lineStart).split("\n");
  lines.pop();
  // The document starts after the last `---` above.
  let docStart = 0;
  for (let i = lines.length - 1; i >= 0; i--)
    if (/^---\s*$/.test(lines[i] as string)) {
      docStart = i + 1;
      break;
    }
  const docLines = lines.slice(docStart);
  const restEnd = text.indexOf("\n---", pos);
  const docText = docLines.join("\n") + "\n" + text.slice(lineStart, restEnd < 0 ? text.length : restEnd);
  const kind = /^kind:\s*["']?([A-Za-z]+)/m.exec(docText)?.[1];
  const emptyDoc = docLines.every(blank) && before.trim() === "";

  const wordMatch = /[\w./:*-]*$/.exec(before);
  const word = wordMatch?.[0] ?? "";
  const from = pos - word.length;
  const column = from - lineStart;
  const own = frames(before);
  const valueMatch = /^(\s*(?:-\s+)*)("[^"]*"|'[^']*'|[^\s:#][^:#]*?)\s*:\s+(\S*)$/.exec(before);
  const mode: YamlContext["mode"] = valueMatch ? "value" : "key";
  const key = valueMatch ? (valueMatch[2] as string).replace(/^["']|["']$/g, "") : undefined;

  // Ancestors: walk up, each frame left of the target column is a parent (a key, or a list item).
  const path: string[] = [];
  let target = valueMatch ? (own.find((f) => !f.dash)?.col ?? column) : column;
  let fromDash = false;
  const climb = (fs: readonly Frame[], limit: number) => {
    for (let k = fs.length - 1; k >= 0; k--) {
      const f = fs[k] as Frame;
      if (f.col > limit) continue;
      if (f.dash) {
        if (f.col < target) {
          path.unshift("[]");
          target = f.col;
          fromDash = true;
        }
        continue;
      }
      // A block list may sit at its key's own indentation (`ingress:` then `- …` at the same column).
      if (f.key !== undefined && !f.inline && (f.col < target || (fromDash && f.col === target))) {
        path.unshift(f.key);
        target = f.col;
        fromDash = false;
      }
    }
  };
  // Frames of the current line left of the word (the dashes before `key`).
  climb(
    own.filter((f) => f.dash && f.col < column),
    column,
  );
  for (let i = docLines.length - 1; i >= 0 && target > 0; i--) {
    const l = docLines[i] as string;
    if (blank(l)) continue;
    climb(frames(l), Number.MAX_SAFE_INTEGER);
  }
  if (target === 0 && fromDash) {
    // a top-level list item: look for its key at column 0
    for (let i = docLines.length - 1; i >= 0; i--) {
      const fs = frames(docLines[i] as string);
      const k = fs.find((f) => !f.dash && f.col === 0 && !f.inline);
      if (k?.key !== undefined) {
        path.unshift(k.key);
        break;
      }
      if (fs.some((f) => !f.dash && f.col === 0)) break;
    }
  }
  return {
    path,
    mode,
    ...(key !== undefined ? { key } : {}),
    ...(kind !== undefined ? { kind } : {}),
    word,
    from,
    column,
    emptyDoc,
  };
}
