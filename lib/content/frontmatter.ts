/** Splits an MDX file into its YAML frontmatter and body. */
import { parse as parseYaml } from "yaml";

export type SplitSource = { readonly data: unknown; readonly body: string; readonly bodyLine: number };

const FENCE = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

/** Returns the parsed frontmatter (or `undefined` when there is none) and the rest of the file. */
export function splitFrontmatter(source: string): SplitSource {
  const match = FENCE.exec(source);
  if (!match) return { data: undefined, body: source, bodyLine: 1 };
  const yamlText = match[1] ?? "";
  return {
    data: parseYaml(yamlText, { prettyErrors: true, maxAliasCount: 50 }),
    body: source.slice(match[0].length),
    bodyLine: match[0].split("\n").length,
  };
}
