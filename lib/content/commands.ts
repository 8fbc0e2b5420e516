/**
 * The `<Cmd>` blocks of a lesson, in page order, read from the MDX syntax tree (not by regex), so the content
 * test can run every command the learner sees through the headless shell.
 */
import type { Root } from "mdast";
import type { MdxJsxAttribute, MdxJsxFlowElement, MdxJsxTextElement } from "mdast-util-mdx-jsx";
import remarkFrontmatter from "remark-frontmatter";
import remarkMdx from "remark-mdx";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { visit } from "unist-util-visit";

export type LessonCommand = {
  /** The command exactly as Run would type it (multi-line for heredocs). */
  readonly command: string;
  /** The command is meant to exit non-zero (a dropped curl, a rejected apply). */
  readonly fails: boolean;
  /** Text the output must contain. */
  readonly expect: string | null;
  /** 1-based line in index.mdx, for error messages. */
  readonly line: number;
};

type JsxElement = MdxJsxFlowElement | MdxJsxTextElement;

function attribute(node: JsxElement, name: string): MdxJsxAttribute | undefined {
  return node.attributes.find((a): a is MdxJsxAttribute => a.type === "mdxJsxAttribute" && a.name === name);
}

/** A template literal or string literal expression, evaluated without running code. */
function staticString(expression: string): string | null {
  const trimmed = expression.trim();
  const template = /^`([\s\S]*)`$/.exec(trimmed);
  if (template) {
    const body = template[1] ?? "";
    if (body.includes("${")) return null;
    return body.replace(/\\`/g, "`").replace(/\\\\/g, "\\");
  }
  const quoted = /^(["'])([\s\S]*)\1$/.exec(trimmed);
  return quoted ? (quoted[2] ?? "") : null;
}

/**
 * The exact source of an expression. MDX's parser drops leading spaces from the continuation lines of an
 * expression (as it does for paragraph lines), which would flatten a heredoc's YAML; the original text
 * between the braces is what the author wrote.
 */
function rawExpression(
  child: { value: string; position?: { start: { offset?: number }; end: { offset?: number } } },
  source: string,
): string {
  const start = child.position?.start.offset;
  const end = child.position?.end.offset;
  if (start === undefined || end === undefined) return child.value;
  return source.slice(start, end).replace(/^\{/, "").replace(/\}$/, "");
}

type Positioned = {
  type: string;
  value?: string;
  children?: Positioned[];
  position?: { start: { offset?: number; line: number }; end: { offset?: number } };
};

/** Unwraps the paragraph MDX puts around inline content. */
function contentNodes(node: { children: unknown[] }): Positioned[] {
  const children = node.children as Positioned[];
  if (children.length === 1 && children[0]?.type === "paragraph") return children[0].children ?? [];
  return children;
}

/**
 * The command text of a `<Cmd>`: a template literal or string expression, evaluated statically; otherwise the
 * exact source between the tags (Markdown must not turn a URL into a link or `*` into emphasis).
 */
function childrenText(node: JsxElement, file: string, source: string): string {
  const children = contentNodes(node);
  const line = node.position?.start.line;
  if (
    children.length === 1 &&
    (children[0]?.type === "mdxFlowExpression" || children[0]?.type === "mdxTextExpression")
  ) {
    const value = staticString(rawExpression(children[0] as { value: string }, source));
    if (value === null) throw new Error(`${file}:${line}: <Cmd> expression must be a plain string or template literal`);
    return value;
  }
  if (
    children.some(
      (c) => c.type === "mdxFlowExpression" || c.type === "mdxTextExpression" || c.type.startsWith("mdxJsx"),
    )
  ) {
    throw new Error(`${file}:${line}: <Cmd> must hold plain text or a single template literal`);
  }
  const first = children[0]?.position?.start.offset;
  const last = children[children.length - 1]?.position?.end.offset;
  if (first === undefined || last === undefined) return "";
  return source.slice(first, last);
}

function parseMdx(mdx: string): Root {
  return unified().use(remarkParse).use(remarkFrontmatter).use(remarkMdx).parse(mdx) as Root;
}

/** The `name` of every `<Objective name="…"/>`, in order, so a test can check each refers to a real objective. */
export function extractObjectiveRefs(mdx: string): { name: string | null; line: number }[] {
  const refs: { name: string | null; line: number }[] = [];
  visit(parseMdx(mdx), (node) => {
    if (node.type !== "mdxJsxFlowElement" && node.type !== "mdxJsxTextElement") return;
    const element = node as JsxElement;
    if (element.name !== "Objective") return;
    const value = attribute(element, "name")?.value;
    refs.push({ name: typeof value === "string" ? value : null, line: element.position?.start.line ?? 0 });
  });
  return refs;
}

/** The command a `<Cmd>` element runs, exactly as written (indentation kept). */
export function cmdText(element: JsxElement, file: string, source: string): string {
  const command = childrenText(element, file, source).replace(/^\n+|\n+$/g, "");
  if (command.trim() === "") throw new Error(`${file}:${element.position?.start.line}: empty <Cmd>`);
  return command;
}

/**
 * remark plugin for the page: gives every `<Cmd>` its exact command as a `command` string prop (strings in
 * attributes survive compilation untouched), so Run and Copy use what the author wrote.
 */
export function remarkCmdCommand() {
  return (tree: Root, file: { value: unknown; path?: string }) => {
    const source = String(file.value);
    visit(tree, (node) => {
      if (node.type !== "mdxJsxFlowElement" && node.type !== "mdxJsxTextElement") return;
      const element = node as JsxElement;
      if (element.name !== "Cmd") return;
      const command = cmdText(element, file.path ?? "lesson.mdx", source);
      element.attributes = [
        ...element.attributes.filter((a) => !(a.type === "mdxJsxAttribute" && a.name === "command")),
        { type: "mdxJsxAttribute", name: "command", value: command },
      ];
      element.children = [];
    });
  };
}

/** Every `<Cmd>` in an MDX body, in order. Throws with file and line on a malformed block. */
export function extractCommands(mdx: string, file: string): LessonCommand[] {
  const tree = parseMdx(mdx);
  const commands: LessonCommand[] = [];
  visit(tree, (node) => {
    if (node.type !== "mdxJsxFlowElement" && node.type !== "mdxJsxTextElement") return;
    const element = node as JsxElement;
    if (element.name !== "Cmd") return;
    const command = cmdText(element, file, mdx);
    const expectAttr = attribute(element, "expect");
    // An expression (`expect={…}`) is only known once the page runs: the lesson test could not check it.
    if (expectAttr !== undefined && typeof expectAttr.value !== "string")
      throw new Error(
        `${file}:${element.position?.start.line}: <Cmd expect> must be a plain string (expect="…" or expect='…'), not an expression`,
      );
    commands.push({
      command,
      fails: attribute(element, "fails") !== undefined,
      expect: typeof expectAttr?.value === "string" ? expectAttr.value : null,
      line: element.position?.start.line ?? 0,
    });
  });
  return commands;
}
