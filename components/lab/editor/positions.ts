/**
 * Where things are in a manifest's text: each document's range, kind and name, and the range of the key
 * (or value) at a field path such as `spec.ingress[0].fromEndpoint` — the paths the API server's errors
 * name. Parsed with the same YAML library `kubectl apply` uses here.
 */
import { isMap, isScalar, isSeq, parseAllDocuments, type Document, type Node } from "yaml";

export interface Range {
  readonly from: number;
  readonly to: number;
}

export interface DocInfo extends Range {
  readonly index: number;
  readonly kind?: string;
  readonly name?: string;
  readonly namespace?: string;
  readonly doc: Document.Parsed;
  /** Range of the `kind:` line's key (where document-level problems are shown). */
  readonly head: Range;
}

function str(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}

export function documents(text: string): DocInfo[] {
  return parseAllDocuments(text, { prettyErrors: false }).flatMap((doc, index) => {
    if (!("contents" in doc)) return [];
    const [from, , to] = doc.range;
    const meta = doc.get("metadata");
    const kindPair = isMap(doc.contents)
      ? doc.contents.items.find((p) => isScalar(p.key) && p.key.value === "kind")
      : undefined;
    const kr = kindPair && isScalar(kindPair.key) ? kindPair.key.range : undefined;
    const head = kr
      ? { from: kr[0], to: kr[1] }
      : { from, to: Math.min(to, text.indexOf("\n", from) < 0 ? to : text.indexOf("\n", from)) };
    return [
      {
        index,
        from,
        to,
        doc,
        head,
        kind: str(doc.get("kind")),
        name: isMap(meta) ? str(meta.get("name")) : undefined,
        namespace: isMap(meta) ? str(meta.get("namespace")) : undefined,
      },
    ];
  });
}

/** `spec.ingress[0].fromEndpoint` → ["spec", "ingress", 0, "fromEndpoint"]. */
export function pathSteps(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g))
    out.push(m[2] !== undefined ? Number(m[2]) : (m[1] as string));
  return out;
}

/**
 * The range of the deepest node on `path` that exists: the key of the last step (`part: "key"`) or its
 * value (`part: "value"`); a missing step stops at the last key found.
 */
export function locate(d: DocInfo, path: string, part: "key" | "value" = "key"): Range {
  let node: Node | null | undefined = d.doc.contents as Node | null;
  let found: Range = d.head;
  for (const step of pathSteps(path)) {
    if (typeof step === "number") {
      if (!isSeq(node)) break;
      const item = node.items[step] as Node | undefined;
      if (!item?.range) break;
      node = item;
      found = { from: item.range[0], to: item.range[1] };
      continue;
    }
    if (!isMap(node)) break;
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === step);
    if (!pair || !isScalar(pair.key) || !pair.key.range) break;
    found = { from: pair.key.range[0], to: pair.key.range[1] };
    node = pair.value as Node | null;
    if (part === "value" && node?.range) found = { from: node.range[0], to: node.range[1] };
  }
  return found;
}

/** The first key named `key` anywhere in the document (depth first), if any. */
export function findKey(d: DocInfo, key: string): Range | undefined {
  const walk = (n: unknown): Range | undefined => {
    if (isMap(n)) {
      for (const p of n.items) {
        if (isScalar(p.key) && p.key.value === key && p.key.range) return { from: p.key.range[0], to: p.key.range[1] };
        const r = walk(p.value);
        if (r) return r;
      }
    } else if (isSeq(n)) {
      for (const i of n.items) {
        const r = walk(i);
        if (r) return r;
      }
    }
    return undefined;
  };
  return walk(d.doc.contents);
}

/** Offset of the start of 1-based `line` counted from `from`. */
export function lineOffset(text: string, from: number, line: number): number {
  let pos = from;
  for (let i = 1; i < line; i++) {
    const nl = text.indexOf("\n", pos);
    if (nl < 0) return text.length;
    pos = nl + 1;
  }
  return pos;
}
