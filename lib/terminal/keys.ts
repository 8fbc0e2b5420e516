/**
 * Splits terminal input (as xterm's onData delivers it) into keys: printable text, control characters,
 * CSI/SS3 escape sequences, Alt+key, and bracketed paste (`ESC[200~ … ESC[201~`). Sequences may arrive split
 * across calls, so the decoder keeps what it has not finished.
 */
export type Key =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "paste"; readonly text: string }
  | { readonly kind: "key"; readonly name: KeyName };

export type KeyName =
  | "enter"
  | "backspace"
  | "delete"
  | "tab"
  | "left"
  | "right"
  | "up"
  | "down"
  | "home"
  | "end"
  | "ctrl-a"
  | "ctrl-b"
  | "ctrl-c"
  | "ctrl-d"
  | "ctrl-e"
  | "ctrl-f"
  | "ctrl-g"
  | "ctrl-k"
  | "ctrl-l"
  | "ctrl-n"
  | "ctrl-p"
  | "ctrl-r"
  | "ctrl-u"
  | "ctrl-w"
  | "alt-b"
  | "alt-f"
  | "alt-d"
  | "alt-backspace"
  | "word-left"
  | "word-right"
  | "escape"
  | "unknown"
  /** Not a key: empties the line (used by runCommand). */
  | "clear-line";

const CONTROL: Readonly<Record<string, KeyName>> = {
  "\r": "enter",
  "\n": "enter",
  "\x7f": "backspace",
  "\b": "backspace",
  "\t": "tab",
  "\x01": "ctrl-a",
  "\x02": "ctrl-b",
  "\x03": "ctrl-c",
  "\x04": "ctrl-d",
  "\x05": "ctrl-e",
  "\x06": "ctrl-f",
  "\x07": "ctrl-g",
  "\x0b": "ctrl-k",
  "\x0c": "ctrl-l",
  "\x0e": "ctrl-n",
  "\x10": "ctrl-p",
  "\x12": "ctrl-r",
  "\x15": "ctrl-u",
  "\x17": "ctrl-w",
};

const CSI: Readonly<Record<string, KeyName>> = {
  A: "up",
  B: "down",
  C: "right",
  D: "left",
  H: "home",
  F: "end",
  "1~": "home",
  "7~": "home",
  "4~": "end",
  "8~": "end",
  "3~": "delete",
  "1;5D": "word-left",
  "1;5C": "word-right",
  "1;3D": "word-left",
  "1;3C": "word-right",
};

const PASTE_START = "\x1b[200~";
const PASTE_END = "\x1b[201~";

/** Stateful decoder: feed chunks, get keys. */
export class KeyDecoder {
  private pending = "";
  private paste: string | null = null;

  /** Decodes a chunk; incomplete escape sequences and open pastes wait for the next chunk. */
  feed(data: string): Key[] {
    let s = this.pending + data;
    this.pending = "";
    const keys: Key[] = [];
    let text = "";
    const flush = (): void => {
      if (text !== "") keys.push({ kind: "text", text });
      text = "";
    };
    while (s.length > 0) {
      if (this.paste !== null) {
        const end = s.indexOf(PASTE_END);
        if (end < 0) {
          // keep a possible partial end marker for the next chunk
          const keep = partialSuffix(s, PASTE_END);
          this.paste += s.slice(0, s.length - keep);
          this.pending = s.slice(s.length - keep);
          return keys;
        }
        keys.push({ kind: "paste", text: this.paste + s.slice(0, end) });
        this.paste = null;
        s = s.slice(end + PASTE_END.length);
        continue;
      }
      const c = s[0] as string;
      if (c === "\x1b") {
        if (s.startsWith(PASTE_START)) {
          flush();
          this.paste = "";
          s = s.slice(PASTE_START.length);
          continue;
        }
        const m = /^\x1b(?:\[([0-9;]*[~A-Za-z])|O([A-Za-z])|([\s\S]))/.exec(s);
        if (!m) {
          if (s.length < 8 && (s === "\x1b" || /^\x1b(\[[0-9;]*|O)$/.test(s) || PASTE_START.startsWith(s))) {
            flush();
            this.pending = s;
            return keys;
          }
          s = s.slice(1);
          continue;
        }
        flush();
        if (m[1] !== undefined) {
          const seq = m[1];
          keys.push({ kind: "key", name: CSI[seq] ?? CSI[seq.slice(-1)] ?? "unknown" });
        } else if (m[2] !== undefined) keys.push({ kind: "key", name: CSI[m[2]] ?? "unknown" });
        else {
          const alt = m[3] as string;
          keys.push({
            kind: "key",
            name:
              alt === "b"
                ? "alt-b"
                : alt === "f"
                  ? "alt-f"
                  : alt === "d"
                    ? "alt-d"
                    : alt === "\x7f"
                      ? "alt-backspace"
                      : alt === "\x1b"
                        ? "escape"
                        : "unknown",
          });
        }
        s = s.slice(m[0].length);
        continue;
      }
      const ctl = CONTROL[c];
      if (ctl) {
        flush();
        // \r\n from a non-bracketed paste is one Enter
        keys.push({ kind: "key", name: ctl });
        s = s.slice(c === "\r" && s[1] === "\n" ? 2 : 1);
        continue;
      }
      if (c < " ") {
        s = s.slice(1);
        continue;
      }
      text += c;
      s = s.slice(1);
    }
    flush();
    return keys;
  }
}

/** Length of the longest suffix of `s` that is a prefix of `marker`. */
function partialSuffix(s: string, marker: string): number {
  for (let n = Math.min(marker.length - 1, s.length); n > 0; n--)
    if (marker.startsWith(s.slice(s.length - n))) return n;
  return 0;
}
