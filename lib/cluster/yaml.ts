/**
 * Manifest decoding with limits, worded like kubectl (cli-runtime builder + sigs.k8s.io/yaml over
 * go-yaml v2, YAML 1.1): `error: error parsing f.yaml: error converting YAML to JSON: yaml: line 7: ...`.
 */
import { parseAllDocuments } from "yaml";

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

function goYamlMessage(code: string, message: string): string {
  switch (code) {
    case "BLOCK_AS_IMPLICIT_KEY":
    case "MULTILINE_IMPLICIT_KEY":
      return "mapping values are not allowed in this context";
    case "TAB_AS_INDENT":
      return "found character that cannot start any token";
    case "MISSING_CHAR":
      return "could not find expected ':'";
    case "BAD_INDENT":
    case "UNEXPECTED_TOKEN":
      return "did not find expected key";
    default:
      return /implicit keys|mapping/i.test(message) ? "mapping values are not allowed in this context" : "did not find expected key";
  }
}

export function decodeManifests(text: string, source: string): DecodeResult {
  const prefix = `error: error parsing ${source}: error converting YAML to JSON: yaml: `;
  if (text.length > MAX_MANIFEST_BYTES) {
    return { docs: [], error: { code: "yaml-limit", message: `error: ${source}: manifest is larger than ${MAX_MANIFEST_BYTES / 1024} KiB` } };
  }
  const parsed = parseAllDocuments(text, { version: "1.1", prettyErrors: false, uniqueKeys: true });
  const list = Array.isArray(parsed) ? parsed : [parsed];
  if (list.length > MAX_DOCUMENTS) {
    return { docs: [], error: { code: "yaml-limit", message: `error: ${source}: more than ${MAX_DOCUMENTS} YAML documents` } };
  }
  const docs: DecodedDoc[] = [];
  for (let i = 0; i < list.length; i++) {
    const d = list[i];
    if (!d) continue;
    const err = d.errors[0];
    if (err) {
      const line = err.linePos?.[0]?.line ?? 1;
      if (err.code === "DUPLICATE_KEY") {
        const key = (text.split("\n")[line - 1] ?? "").trim().replace(/^- /, "").split(":")[0] ?? "";
        return { docs, error: { code: "yaml-syntax", message: `error: error parsing ${source}: error converting YAML to JSON: yaml: unmarshal errors:\n  line ${line}: key ${JSON.stringify(key)} already set in map` } };
      }
      return { docs, error: { code: "yaml-syntax", message: `${prefix}line ${line}: ${goYamlMessage(err.code, err.message)}` } };
    }
    let value: unknown;
    try {
      value = d.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      const anchor = (e as Error).message.split(": ").pop() ?? "";
      if (/unresolved|not found/i.test((e as Error).message)) {
        return { docs, error: { code: "yaml-syntax", message: `${prefix}unknown anchor '${anchor}' referenced` } };
      }
      return { docs, error: { code: "yaml-limit", message: `${prefix}document contains excessive aliasing (${(e as Error).message})` } };
    }
    if (value === null || value === undefined) continue;
    const line = d.contents?.range ? lineOf(text, d.contents.range[0]) : 1;
    docs.push({ index: i, value, line });
  }
  return { docs };
}

function lineOf(text: string, offset: number): number {
  let n = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}
