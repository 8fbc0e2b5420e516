/**
 * Text the database can store. PostgreSQL's jsonb (and text) reject U+0000 and unpaired UTF-16 surrogates
 * ("unsupported Unicode escape sequence"), so such a string would fail the write — and with group commit,
 * the writes batched with it. No lab, policy or command needs either, so they are refused at the boundary,
 * with the path of the offending field, before any work is done.
 */

// Checked on UTF-16 code units (no `u` flag): a high surrogate not followed by a low one, or a low one not
// preceded by a high one. Each alternative looks at most one unit around it, so the scan is linear.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export type TextProblem = {
  readonly path: string;
  readonly what: "a NUL character (\\u0000)" | "an unpaired UTF-16 surrogate";
};

function problemIn(s: string): TextProblem["what"] | null {
  const m = UNSTORABLE.exec(s);
  if (!m) return null;
  return m[0] === "\u0000" ? "a NUL character (\\u0000)" : "an unpaired UTF-16 surrogate";
}

const step = (path: string, key: string | number) =>
  typeof key === "number" ? `${path}[${key}]` : path === "" ? key : `${path}.${key}`;

/**
 * The first string (value or object key) in a JSON value that cannot be stored, or null. Iterative, so a
 * deeply nested body cannot overflow the stack here.
 */
export function unstorableText(value: unknown): TextProblem | null {
  const stack: { readonly value: unknown; readonly path: string }[] = [{ value, path: "" }];
  while (stack.length > 0) {
    const { value: v, path } = stack.pop() as { value: unknown; path: string };
    if (typeof v === "string") {
      const what = problemIn(v);
      if (what) return { path: path || "(body)", what };
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], path: step(path, i) });
    } else if (typeof v === "object" && v !== null) {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, child] = entries[i] as [string, unknown];
        const what = problemIn(k);
        if (what) return { path: step(path, k), what };
        stack.push({ value: child, path: step(path, k) });
      }
    }
  }
  return null;
}
