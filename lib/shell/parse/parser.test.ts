import { describe, expect, it } from "vitest";
import { literal, parse, isIncomplete } from "./parser";

function words(src: string): string[][] {
  const r = parse(src);
  if (r.kind !== "ok") throw new Error(r.kind);
  return r.items.flatMap((i) => i.pipeline.commands.map((c) => c.words.map(literal)));
}

describe("shell parser", () => {
  it("splits words with quotes and escapes", () => {
    expect(words(`echo "a b" 'c $d' e\\ f "x\\"y"`)).toEqual([["echo", "a b", "c $d", "e f", 'x"y']]);
  });
  it("keeps $VAR references for run-time expansion", () => {
    const r = parse('echo "$NS" ${A}');
    expect(r.kind === "ok" && r.items[0]?.pipeline.commands[0]?.words.map((w) => w.parts.map((p) => p.kind))).toEqual([
      ["lit"],
      ["var"],
      ["var"],
    ]);
  });
  it("parses pipes, lists and redirects", () => {
    const r = parse("kubectl get pods | grep x > out.txt 2>&1 && echo ok; echo done");
    expect(r.kind).toBe("ok");
    if (r.kind !== "ok") return;
    expect(r.items.map((i) => i.op)).toEqual([";", "&&", ";"]);
    expect(r.items[0]?.pipeline.commands).toHaveLength(2);
    expect(r.items[0]?.pipeline.commands[1]?.redirects.map((x) => x.kind)).toEqual(["out", "dup"]);
  });
  it("reads heredoc bodies after the opening line", () => {
    const r = parse("cat <<EOF | kubectl apply -f -\nkind: Pod\n  name: $X\nEOF");
    expect(r.kind).toBe("ok");
    const h = r.kind === "ok" ? r.items[0]?.pipeline.commands[0]?.redirects[0] : undefined;
    expect(h).toMatchObject({ kind: "heredoc", delimiter: "EOF", quoted: false, body: "kind: Pod\n  name: $X\n" });
    const q = parse("cat > f <<'EOF'\n$X\nEOF");
    expect(q.kind === "ok" && q.items[0]?.pipeline.commands[0]?.redirects[1]).toMatchObject({
      quoted: true,
      body: "$X\n",
    });
  });
  it("knows when more lines are needed", () => {
    expect(isIncomplete("cat <<EOF | kubectl apply -f -")).toBe(true);
    expect(isIncomplete("cat <<EOF\na: b")).toBe(true);
    expect(isIncomplete("cat <<EOF\na: b\nEOF")).toBe(false);
    expect(isIncomplete("echo 'open")).toBe(true);
    expect(isIncomplete("kubectl get pods |")).toBe(true);
    expect(isIncomplete("echo a \\")).toBe(true);
    expect(isIncomplete("kubectl get pods")).toBe(false);
  });
  it("reports bash syntax errors", () => {
    expect(parse("| grep x")).toEqual({ kind: "error", message: "bash: syntax error near unexpected token `|'" });
    expect(parse("echo >")).toEqual({ kind: "error", message: "bash: syntax error near unexpected token `newline'" });
  });
  it("ignores comments", () => {
    expect(words("echo a # comment")).toEqual([["echo", "a"]]);
  });
});
