import { Terminal } from "@xterm/headless";
import { describe, expect, it } from "vitest";
import { screenText, widestLine } from "./screen-text";

const write = (term: Terminal, data: string) => new Promise<void>((resolve) => term.write(data, resolve));

describe("the terminal's text for Copy", () => {
  it("joins soft-wrapped rows back into the printed line and keeps real line breaks", async () => {
    const term = new Terminal({ cols: 20, rows: 10, allowProposedApi: true });
    const long = "k8s:io.kubernetes.pod.namespace=kube-system";
    await write(term, `$ cilium-dbg endpoint list\r\n${long}\r\nshort   \r\n`);
    expect(screenText(term.buffer.active)).toBe(`$ cilium-dbg endpoint list\n${long}\nshort`);
  });

  it("measures output in columns, colours excluded", () => {
    expect(widestLine("ab\n\x1b[32mFORWARDED\x1b[0m\n")).toBe(9);
  });
});
