import "server-only";
/**
 * Compiles lesson and challenge MDX on the server with mdx-bundler, code highlighted by shiki in a light and a
 * dark theme. Results are cached per file content, so a page is compiled once per build (the pages are
 * static) and never per request. Neither the compiler nor shiki reaches the browser: pages evaluate the
 * compiled code on the server and send HTML plus the few interactive client components.
 */
import rehypeShikiFromHighlighter from "@shikijs/rehype/core";
import { createHash } from "node:crypto";
import { bundleMDX } from "mdx-bundler";
import remarkGfm from "remark-gfm";
import { createHighlighter, type Highlighter } from "shiki";
import { remarkCmdCommand } from "./commands";

const THEMES = { light: "github-light", dark: "github-dark" } as const;
const LANGS = ["yaml", "bash", "shell", "json", "text", "console", "diff"] as const;

let highlighter: Promise<Highlighter> | undefined;
function getHighlighter(): Promise<Highlighter> {
  highlighter ??= createHighlighter({ themes: Object.values(THEMES), langs: [...LANGS] });
  return highlighter;
}

const cache = new Map<string, Promise<string>>();

/** The compiled MDX body (mdx-bundler's `code`), for `getMDXComponent`. Frontmatter is read elsewhere (zod). */
export function compileMdx(source: string, file: string): Promise<string> {
  const key = createHash("sha256").update(file).update("\0").update(source).digest("hex");
  let compiled = cache.get(key);
  if (!compiled) {
    compiled = compile(source, file);
    cache.set(key, compiled);
    compiled.catch(() => cache.delete(key));
  }
  return compiled;
}

async function compile(source: string, file: string): Promise<string> {
  const shiki = await getHighlighter();
  try {
    const { code } = await bundleMDX({
      source,
      mdxOptions(options) {
        options.remarkPlugins = [...(options.remarkPlugins ?? []), remarkGfm, remarkCmdCommand];
        options.rehypePlugins = [
          ...(options.rehypePlugins ?? []),
          // Unknown languages fall back to plain text rather than failing the build.
          [rehypeShikiFromHighlighter, shiki, { themes: THEMES, defaultColor: false, fallbackLanguage: "text" }],
        ];
        return options;
      },
    });
    return code;
  } catch (error) {
    throw new Error(`${file}: MDX does not compile: ${(error as Error).message}`);
  }
}
