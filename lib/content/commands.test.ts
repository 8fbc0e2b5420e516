import { describe, expect, it } from "vitest";
import { extractCommands } from "./commands";

describe("reading <Cmd> blocks from a lesson", () => {
  it("finds single-line and heredoc commands in page order, with their expectations", () => {
    const mdx = [
      "---",
      "title: x",
      "---",
      "# Try it",
      "",
      "<Cmd>kubectl get pods</Cmd>",
      "",
      'Then <Cmd expect="Ship landed">kubectl exec tiefighter -- curl -s -XPOST deathstar/v1/request-landing</Cmd> inline.',
      "",
      "<Cmd fails>{`cat <<EOF | kubectl apply -f -",
      "apiVersion: cilium.io/v2",
      "kind: CiliumNetworkPolicy",
      "EOF`}</Cmd>",
    ].join("\n");
    expect(extractCommands(mdx, "lesson.mdx")).toEqual([
      { command: "kubectl get pods", fails: false, expect: null, line: 6 },
      {
        command: "kubectl exec tiefighter -- curl -s -XPOST deathstar/v1/request-landing",
        fails: false,
        expect: "Ship landed",
        line: 8,
      },
      {
        command: "cat <<EOF | kubectl apply -f -\napiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nEOF",
        fails: true,
        expect: null,
        line: 10,
      },
    ]);
  });

  it("keeps a heredoc's indentation and a URL's text exactly as written", () => {
    const mdx = [
      "<Reveal>",
      "",
      "<Cmd>{`cat <<EOF | kubectl apply -f -",
      "metadata:",
      "  name: rule1",
      "spec:",
      "    deep: true",
      "EOF`}</Cmd>",
      "",
      "</Reveal>",
      "",
      "<Cmd>kubectl exec mediabot -- curl -s https://api.github.com/zen_of_*things*</Cmd>",
    ].join("\n");
    expect(extractCommands(mdx, "l.mdx").map((c) => c.command)).toEqual([
      "cat <<EOF | kubectl apply -f -\nmetadata:\n  name: rule1\nspec:\n    deep: true\nEOF",
      "kubectl exec mediabot -- curl -s https://api.github.com/zen_of_*things*",
    ]);
  });

  it("rejects commands built from code, naming the file and line", () => {
    expect(() => extractCommands("<Cmd>{`kubectl get ${kind}`}</Cmd>", "l.mdx")).toThrow(/l\.mdx:1: <Cmd> expression/);
    expect(() => extractCommands("<Cmd>kubectl get {kind}</Cmd>", "l.mdx")).toThrow(
      /l\.mdx:1: <Cmd> must hold plain text/,
    );
  });

  it("rejects an expectation written as an expression, which the lesson test could not check", () => {
    expect(() => extractCommands("text\n\n<Cmd expect={'Ship landed'}>kubectl get pods</Cmd>\n", "l.mdx")).toThrow(
      /l\.mdx:3: <Cmd expect> must be a plain string/,
    );
    expect(extractCommands(`<Cmd expect='"a":["b"]'>kubectl get pods</Cmd>`, "l.mdx")[0]?.expect).toBe('"a":["b"]');
  });
});
