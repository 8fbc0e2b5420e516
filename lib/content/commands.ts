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

function childrenText(node: JsxElement, file: string): string {
  const parts: string[] = [];
  for (const child of node.children) {
    if (child.type === "text") parts.push(child.value);
    else if (child.type === "mdxFlowExpression" || child.type === "mdxTextExpression") {
      const value = staticString(child.value);
      if (value === null) throw new Error(`${file}:${node.position?.start.line}: <Cmd> expression must be a plain string or template literal`);
      parts.push(value);
    } else if (child.type === "paragraph") {
      parts.push(childrenText(child as unknown as JsxElement, file));
    } else {
      throw new Error(`${file}:${node.position?.start.line}: <Cmd> may only contain the command text (found ${child.type})`);
    }
  }
  return parts.join("");
}

/** Every `<Cmd>` in an MDX body, in order. Throws with file and line on a malformed block. */
export function extractCommands(mdx: string, file: string): LessonCommand[] {
  const tree = unified().use(remarkParse).use(remarkFrontmatter).use(remarkMdx).parse(mdx) as Root;
  const commands: LessonCommand[] = [];
  visit(tree, (node) => {
    if (node.type !== "mdxJsxFlowElement" && node.type !== "mdxJsxTextElement") return;
    const element = node as JsxElement;
    if (element.name !== "Cmd") return;
    const command = childrenText(element, file).replace(/^\n+|\n+$/g, "");
    if (command.trim() === "") throw new Error(`${file}:${element.position?.start.line}: empty <Cmd>`);
    const expectAttr = attribute(element, "expect");
    commands.push({
      command,
      fails: attribute(element, "fails") !== undefined,
      expect: typeof expectAttr?.value === "string" ? expectAttr.value : null,
      line: element.position?.start.line ?? 0,
    });
  });
  return commands;
}
