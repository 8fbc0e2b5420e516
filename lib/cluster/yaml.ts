/**
 * Manifest decoding with limits, worded like kubectl (cli-runtime builder + sigs.k8s.io/yaml over
 * go-yaml v2, YAML 1.1): `error: error parsing f.yaml: error converting YAML to JSON: yaml: line 7: ...`.
 *
 * Line numbers follow what kubectl really prints, which is not always the editor's line:
 * - kubectl splits the stream into documents itself (apimachinery util/yaml YAMLReader: a line that starts
 *   with `---` ends a document and is dropped) and hands each chunk to go-yaml, so the line counts from the
 *   start of the failing document, 1-based (kubernetes/kubernetes#104607 is still open in 1.34);
 * - go-yaml v2 `parser.fail()` (decode.go) prints `problem_mark.line + 1` for scanner errors but the
 *   0-based `problem_mark.line` for parser errors ("did not find expected key" names the line above the
 *   bad one), and omits `line N: ` altogether when that number is 0.
 */
import { yamlParser } from "#yaml";

export const MAX_MANIFEST_BYTES = 256 * 1024;
export const MAX_DOCUMENTS = 100;
export const MAX_ALIAS_COUNT = 100;

export type DecodedDoc = { readonly index: number; readonly value: unknown; readonly line: number };

export type DecodeResult = {
  /** Documents decoded before any error (empty / null documents skipped). */
  readonly docs: readonly DecodedDoc[];
  /** kubectl's message for the first broken document (or a limit), after which nothing else was read. */
  readonly error?: { readonly code: "yaml-syntax" | "yaml-limit"; readonly message: string };
};

/** go-yaml's wording for a problem the `yaml` package found, and whether go-yaml raises it in its scanner or parser. */
interface GoYamlProblem {
  readonly message: string;
  readonly stage: "scanner" | "parser";
  /** Which end of the `yaml` package's error range sits where go-yaml's problem mark is. */
  readonly at: "start" | "end";
}

function goYamlProblem(code: string, message: string, lines: readonly string[], line: number): GoYamlProblem {
  switch (code) {
    case "BLOCK_AS_IMPLICIT_KEY":
      return { message: "mapping values are not allowed in this context", stage: "scanner", at: "start" };
    case "TAB_AS_INDENT":
      return { message: "found character that cannot start any token", stage: "scanner", at: "start" };
    case "MULTILINE_IMPLICIT_KEY":
      // a plain scalar running onto the next line and ending in `:` (yaml_parser_stale_simple_keys)
      return { message: "could not find expected ':'", stage: "scanner", at: "end" };
    case "MISSING_CHAR":
      return /quote/i.test(message)
        ? { message: "found unexpected end of stream", stage: "scanner", at: "start" }
        : { message: "could not find expected ':'", stage: "scanner", at: "start" };
    default:
      break;
  }
  if (/flow sequence/i.test(message))
    return { message: "did not find expected ',' or ']'", stage: "parser", at: "start" };
  if (/flow mapping/i.test(message))
    return { message: "did not find expected ',' or '}'", stage: "parser", at: "start" };
  return {
    message: sequenceAbove(lines, line) ? "did not find expected '-' indicator" : "did not find expected key",
    stage: "parser",
    at: "start",
  };
}

/** True when the bad line sits at the indentation of a block sequence above it (go-yaml then expects `- `). */
function sequenceAbove(lines: readonly string[], line: number): boolean {
  const text = lines[line - 1] ?? "";
  const indent = text.length - text.trimStart().length;
  for (let i = line - 2; i >= 0; i--) {
    const t = lines[i] ?? "";
    if (t.trim() === "" || t.trimStart().startsWith("#")) continue;
    const ind = t.length - t.trimStart().length;
    if (ind < indent) return false;
    if (ind === indent) return t.trimStart().startsWith("- ") || t.trim() === "-";
  }
  return false;
}

/** 1-based line of the `---` separator that starts the document holding `line` (0 for the first document). */
function documentStart(lines: readonly string[], line: number): number {
  for (let i = line - 1; i >= 1; i--) if ((lines[i - 1] ?? "").startsWith("---")) return i;
  return 0;
}

/** `line N: ` as go-yaml prints it for a problem on file line `line` (1-based), or "" when go-yaml prints none. */
function goYamlWhere(lines: readonly string[], line: number, stage: GoYamlProblem["stage"]): string {
  const mark = line - documentStart(lines, line) - 1; // go-yaml's 0-based problem_mark.line within the chunk
  const n = stage === "scanner" ? mark + 1 : mark;
  return mark !== 0 && n > 0 ? `line ${n}: ` : "";
}

export function decodeManifests(text: string, source: string): DecodeResult {
  const prefix = `error: error parsing ${source}: error converting YAML to JSON: yaml: `;
  if (text.length > MAX_MANIFEST_BYTES) {
    return {
      docs: [],
      error: {
        code: "yaml-limit",
        message: `error: ${source}: manifest is larger than ${MAX_MANIFEST_BYTES / 1024} KiB`,
      },
    };
  }
  const { parseAllDocuments } = yamlParser();
  // prettyErrors computes linePos (file-relative); the messages themselves are reworded below.
  const parsed = parseAllDocuments(text, { version: "1.1", prettyErrors: true, uniqueKeys: true });
  const list = Array.isArray(parsed) ? parsed : [parsed];
  if (list.length > MAX_DOCUMENTS) {
    return {
      docs: [],
      error: { code: "yaml-limit", message: `error: ${source}: more than ${MAX_DOCUMENTS} YAML documents` },
    };
  }
  const lines = text.split("\n");
  const docs: DecodedDoc[] = [];
  for (let i = 0; i < list.length; i++) {
    const d = list[i];
    if (!d) continue;
    const err = d.errors[0];
    if (err) {
      const startLine = err.linePos?.[0]?.line ?? lineOf(text, err.pos[0]);
      if (err.code === "DUPLICATE_KEY") {
        const key = (lines[startLine - 1] ?? "").trim().replace(/^- /, "").split(":")[0] ?? "";
        const n = startLine - documentStart(lines, startLine);
        return {
          docs,
          error: {
            code: "yaml-syntax",
            message: `error: error parsing ${source}: error converting YAML to JSON: yaml: unmarshal errors:\n  line ${n}: key ${JSON.stringify(key)} already set in map`,
          },
        };
      }
      const p = goYamlProblem(err.code, err.message, lines, startLine);
      const line = p.at === "end" ? (err.linePos?.[1]?.line ?? lineOf(text, err.pos[1])) : startLine;
      return {
        docs,
        error: { code: "yaml-syntax", message: `${prefix}${goYamlWhere(lines, line, p.stage)}${p.message}` },
      };
    }
    const loop = selfContainedAnchor(d);
    if (loop !== undefined)
      return { docs, error: { code: "yaml-syntax", message: `${prefix}anchor '${loop}' value contains itself` } };
    let value: unknown;
    try {
      value = d.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      const anchor = (e as Error).message.split(": ").pop() ?? "";
      if (/unresolved|not found/i.test((e as Error).message)) {
        return { docs, error: { code: "yaml-syntax", message: `${prefix}unknown anchor '${anchor}' referenced` } };
      }
      return {
        docs,
        error: {
          code: "yaml-limit",
          message: `${prefix}document contains excessive aliasing (${(e as Error).message})`,
        },
      };
    }
    if (value === null || value === undefined) continue;
    const line = d.contents?.range ? lineOf(text, d.contents.range[0]) : 1;
    docs.push({ index: i, value, line });
  }
  return { docs };
}

/** A YAML node as the `yaml` package builds it: collections have items, pairs key and value, aliases a source. */
type YamlNode = {
  readonly items?: readonly unknown[];
  readonly key?: unknown;
  readonly value?: unknown;
  readonly source?: unknown;
  readonly resolve?: (doc: unknown) => unknown;
};

/**
 * The anchor of an alias that sits inside the node it names (`a: &a [*a]`), if any. go-yaml refuses such a
 * document ("anchor 'a' value contains itself"); the `yaml` package would build a circular value, which no
 * later step (validation, JSON, storage) could handle.
 */
function selfContainedAnchor(doc: { readonly contents: unknown }): string | undefined {
  const open = new Set<unknown>();
  const stack: { node: unknown; leave: boolean }[] = [{ node: doc.contents, leave: false }];
  while (stack.length > 0) {
    const { node, leave } = stack.pop() as { node: unknown; leave: boolean };
    if (leave) {
      open.delete(node);
      continue;
    }
    if (node === null || typeof node !== "object") continue;
    const n = node as YamlNode;
    if (typeof n.source === "string" && typeof n.resolve === "function") {
      if (open.has(n.resolve(doc))) return n.source;
      continue;
    }
    open.add(node);
    stack.push({ node, leave: true });
    if (Array.isArray(n.items)) for (const child of n.items) stack.push({ node: child, leave: false });
    else if ("key" in n) stack.push({ node: n.key, leave: false }, { node: n.value, leave: false });
  }
  return undefined;
}

function lineOf(text: string, offset: number): number {
  let n = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}
