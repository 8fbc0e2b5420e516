import { Terminal } from "@xterm/headless";
import { describe, expect, it } from "vitest";
import { LineDiscipline } from "./discipline";
import type { ExecResult, LineBackend } from "./types";

/** A headless xterm wired to a discipline; writes are flushed before reading the screen. */
function setup(backend: Partial<LineBackend<AbortSignal>> = {}, history: string[] = []) {
  const term = new Terminal({ cols: 80, rows: 20, allowProposedApi: true });
  let pending = Promise.resolve();
  const executed: string[] = [];
  const saved: (readonly string[])[] = [];
  const full: LineBackend<AbortSignal> = {
    execute: async (line) => {
      executed.push(line);
      return { output: `ran ${line.split("\n")[0]}\n`, exitCode: 0 };
    },
    complete: () => ({ replaceFrom: 0, candidates: [] }),
    isIncomplete: (t) => /<<EOF/.test(t) && !/\nEOF$/.test(t),
    ...backend,
  };
  const ld = new LineDiscipline({
    sink: { write: (d) => void (pending = pending.then(() => new Promise<void>((r) => term.write(d, r)))) },
    backend: full,
    createAbortController: () => new AbortController(),
    cols: () => term.cols,
    history,
    onHistoryChange: (h) => saved.push([...h]),
  });
  ld.start();
  const screen = async (): Promise<string[]> => {
    await new Promise((r) => setTimeout(r, 0));
    await pending;
    const b = term.buffer.active;
    const out: string[] = [];
    for (let i = 0; i < b.length; i++) out.push(b.getLine(i)?.translateToString(true) ?? "");
    while (out.length > 0 && out[out.length - 1] === "") out.pop();
    return out;
  };
  return { term, ld, executed, saved, screen };
}

describe("LineDiscipline on a headless xterm", () => {
  it("prints the prompt, echoes typing and runs on Enter", async () => {
    const { ld, executed, screen } = setup();
    ld.feed("kubectl get pods\r");
    expect(await screen()).toEqual(["root@server:~# kubectl get pods", "ran kubectl get pods", "root@server:~# "]);
    expect(executed).toEqual(["kubectl get pods"]);
  });

  it("edits with arrows, Home/End, Ctrl-A/E/U/K/W and Alt-B/F", async () => {
    const { ld, executed } = setup();
    ld.feed("get pods\x1b[H" + "kubectl \x1b[F -A\r");
    ld.feed("echo one two three\x17\x17four\r");
    ld.feed("abc def\x01\x0bxyz\r");
    ld.feed("hello world\x1bb\x1bb\x05!\x15ok\r");
    ld.feed("ab\x1b[Dc\x1b[C\x7fd\r");
    await new Promise((r) => setTimeout(r, 0));
    expect(executed).toEqual(["kubectl get pods -A", "echo one four", "xyz", "ok", "acd"]);
  });

  it("recalls history with Up/Down and keeps it through the callback", async () => {
    const { ld, executed, saved } = setup({}, ["kubectl get cep"]);
    ld.feed("hubble observe\r");
    await new Promise((r) => setTimeout(r, 0));
    ld.feed("\x1b[A\x1b[A\r");
    await new Promise((r) => setTimeout(r, 0));
    ld.feed("\x1b[A\x1b[A\x1b[B\r");
    await new Promise((r) => setTimeout(r, 0));
    expect(executed).toEqual(["hubble observe", "kubectl get cep", "kubectl get cep"]);
    expect(saved.at(-1)).toEqual(["kubectl get cep", "hubble observe", "kubectl get cep"]);
  });

  it("searches history backwards with Ctrl-R", async () => {
    const { ld, executed, screen } = setup({}, [
      "kubectl get pods",
      "hubble observe --verdict DROPPED",
      "kubectl get cnp",
    ]);
    ld.feed("\x12hub");
    expect((await screen()).at(-1)).toBe("(reverse-i-search)`hub': hubble observe --verdict DROPPED");
    ld.feed("\x12");
    expect((await screen()).at(-1)).toBe("(failed reverse-i-search)`hub': hubble observe --verdict DROPPED");
    ld.feed("\r");
    await new Promise((r) => setTimeout(r, 0));
    expect(executed).toEqual(["hubble observe --verdict DROPPED"]);
  });

  it("completes the common prefix, then lists candidates on the second Tab", async () => {
    const { ld, screen, executed } = setup({
      complete: (line, cursor) => {
        const start = line.lastIndexOf(" ", cursor - 1) + 1;
        const word = line.slice(start, cursor);
        return {
          replaceFrom: start,
          candidates: ["deathstar-86f85ffb4d-7d86t", "deathstar-86f85ffb4d-dxp9z", "tiefighter"].filter((c) =>
            c.startsWith(word),
          ),
        };
      },
    });
    ld.feed("kubectl get pod de\t");
    expect((await screen()).at(-1)).toBe("root@server:~# kubectl get pod deathstar-86f85ffb4d-");
    ld.feed("\t");
    const s = await screen();
    expect(s.at(-2)).toBe("deathstar-86f85ffb4d-7d86t  deathstar-86f85ffb4d-dxp9z");
    expect(s.at(-1)).toBe("root@server:~# kubectl get pod deathstar-86f85ffb4d-");
    ld.feed("\x15kubectl get pod ti\t\r");
    await new Promise((r) => setTimeout(r, 0));
    expect(executed).toEqual(["kubectl get pod tiefighter "]);
  });

  it("Ctrl-C cancels the line, and aborts a running command", async () => {
    let aborted = false;
    const { ld, screen } = setup({
      execute: (line, signal) =>
        new Promise<ExecResult>((resolve) => {
          if (!line.startsWith("curl")) return resolve({ output: "", exitCode: 0 });
          signal.addEventListener("abort", () => {
            aborted = true;
            resolve({ output: "", exitCode: 130 });
          });
        }),
    });
    ld.feed("kubectl get po\x03");
    expect(await screen()).toEqual(["root@server:~# kubectl get po^C", "root@server:~# "]);
    ld.feed("curl deathstar\r");
    expect(ld.busy).toBe(true);
    ld.feed("\x03");
    await new Promise((r) => setTimeout(r, 0));
    expect(aborted).toBe(true);
    expect((await screen()).slice(-2)).toEqual(["^C", "root@server:~# "]);
  });

  it("runs a pasted heredoc as one command and other pasted lines one by one", async () => {
    const { ld, executed, screen } = setup();
    ld.feed("\x1b[200~cat <<EOF | kubectl apply -f -\r\napiVersion: v1\r\nEOF\r\n\x1b[201~");
    await new Promise((r) => setTimeout(r, 0));
    expect(executed).toEqual(["cat <<EOF | kubectl apply -f -\napiVersion: v1\nEOF"]);
    expect((await screen()).slice(0, 3)).toEqual([
      "root@server:~# cat <<EOF | kubectl apply -f -",
      "> apiVersion: v1",
      "> EOF",
    ]);
    ld.feed("\x1b[200~echo a\necho b\n\x1b[201~");
    await new Promise((r) => setTimeout(r, 10));
    expect(executed.slice(1)).toEqual(["echo a", "echo b"]);
  });

  describe("large pastes (issue 10)", () => {
    const paste = (text: string) => `\x1b[200~${text}\x1b[201~`;
    const refusal = (chars: string) =>
      `bash: pasted text refused: ${chars} characters would make a command longer than 65,536, the most the lab saves for one command; put long manifests in files (the Files tab) and apply them`;

    it("refuses a 5 MB single-line paste at once, says so, keeps the line and the history, and keeps working", async () => {
      const { ld, executed, saved, screen, term } = setup();
      ld.feed("echo ");
      const written: string[] = [];
      const sink = term.write.bind(term);
      term.write = ((d: string, cb?: () => void) => (written.push(d), sink(d, cb))) as typeof term.write;
      ld.feed(paste("x".repeat(5 * 1024 * 1024)));
      // nothing of the paste was drawn: drawing a 5 MB line is what blocked the tab
      expect(written.reduce((n, d) => n + d.length, 0)).toBeLessThan(1000);
      const lines = (await screen()).join("");
      expect(lines).toContain(refusal("5,242,880"));
      expect((await screen()).at(-1)).toBe("root@server:~# echo ");
      expect(executed).toEqual([]);
      ld.feed("ok\r");
      await new Promise((r) => setTimeout(r, 0));
      expect(executed).toEqual(["echo ok"]);
      expect(saved).toEqual([["echo ok"]]);
    });

    it("refuses a 5 MB multi-line paste whole (no stack overflow, no half heredoc run as commands)", async () => {
      const { ld, executed, screen } = setup();
      const heredoc = `cat <<EOF | kubectl apply -f -\n${'  - port: "80"\n'.repeat(300_000)}EOF\n`;
      expect(() => ld.feed(paste(heredoc))).not.toThrow();
      await new Promise((r) => setTimeout(r, 0));
      expect(executed).toEqual([]);
      expect((await screen()).join("")).toContain(refusal(heredoc.length.toLocaleString("en-US")));
    });

    it("takes a paste up to the limit, many lines included, as commands", async () => {
      const { ld, executed } = setup();
      const lines = Array.from({ length: 10_000 }, (_, i) => `l${i}`);
      ld.feed(paste(`${lines.join("\n")}\n`));
      await new Promise((r) => setTimeout(r, 50));
      for (let i = 0; i < 200 && executed.length < lines.length; i++) await new Promise((r) => setTimeout(r, 10));
      expect(executed).toEqual(lines);
    });

    it("refuses typed or pasted text that would make the line longer than a command may be", async () => {
      const { ld, executed, screen } = setup();
      ld.feed(paste("y".repeat(60_000)));
      ld.feed(paste("z".repeat(6_000)));
      expect((await screen()).join("")).toContain(refusal("6,000"));
      ld.feed("\r");
      await new Promise((r) => setTimeout(r, 0));
      expect(executed).toEqual(["y".repeat(60_000)]);
    });
  });

  it("clears the screen with Ctrl-L and keeps the line", async () => {
    const { ld, screen } = setup();
    ld.feed("echo 1\r");
    await new Promise((r) => setTimeout(r, 0));
    ld.feed("kubectl\x0c");
    expect((await screen()).filter((l) => l !== "")).toEqual(["root@server:~# kubectl"]);
  });

  it("runCommand types the command visibly, then runs it", async () => {
    const { ld, executed, screen } = setup();
    ld.runCommand("kubectl get cep -A");
    await new Promise((r) => setTimeout(r, 0));
    expect(executed).toEqual(["kubectl get cep -A"]);
    expect((await screen())[0]).toBe("root@server:~# kubectl get cep -A");
  });

  it("keeps output without a trailing newline on screen, the prompt after it (bash)", async () => {
    const { ld, screen } = setup({
      execute: async (line) => ({
        output: line === "a" ? "hello" : line === "b" ? "x".repeat(100) : "ran\n",
        exitCode: 0,
      }),
    });
    ld.feed("a\r");
    expect(await screen()).toEqual(["root@server:~# a", "helloroot@server:~# "]);
    ld.feed("kubectl\x7f\x7f");
    expect(await screen()).toEqual(["root@server:~# a", "helloroot@server:~# kubect".slice(0, -1)]);
    ld.feed("\r");
    expect((await screen()).slice(-3)).toEqual(["helloroot@server:~# kubec", "ran", "root@server:~# "]);
    // a tail that wraps: the redraw starts on the tail's first row, nothing doubled or erased
    ld.feed("b\r");
    ld.feed("ls");
    const s = await screen();
    expect(s.slice(-2)).toEqual(["x".repeat(80), "x".repeat(20) + "root@server:~# ls"]);
    expect(s.filter((l) => l.startsWith("xxx"))).toHaveLength(2);
  });

  it("runCommand keeps the half-typed draft and puts it back after the command", async () => {
    const { ld, executed, screen } = setup();
    ld.feed("kubectl get po");
    ld.runCommand("hubble observe");
    await new Promise((r) => setTimeout(r, 0));
    expect(executed).toEqual(["hubble observe"]);
    expect(await screen()).toEqual([
      "root@server:~# hubble observe",
      "ran hubble observe",
      "root@server:~# kubectl get po",
    ]);
    ld.feed("ds\r");
    await new Promise((r) => setTimeout(r, 0));
    expect(executed).toEqual(["hubble observe", "kubectl get pods"]);
  });

  it("streams a running command's output until Ctrl-C, then the prompt comes back", async () => {
    let write: ((text: string) => void) | null = null;
    const { ld, screen } = setup({
      execute: (line, signal, stream) =>
        line !== "hubble observe -f"
          ? Promise.resolve({ output: `ran ${line}\n`, exitCode: 0 })
          : new Promise<ExecResult>((resolve) => {
              write = (t) => stream?.write(t);
              signal.addEventListener("abort", () => resolve({ output: "", exitCode: 130 }));
            }),
    });
    ld.feed("hubble observe -f\r");
    await new Promise((r) => setTimeout(r, 0));
    expect(ld.busy).toBe(true);
    (write as unknown as (t: string) => void)("flow one\nflow two\n");
    expect(await screen()).toEqual(["root@server:~# hubble observe -f", "flow one", "flow two"]);
    // typed ahead while it runs: a tty discards it on Ctrl-C
    ld.feed("echo lost");
    (write as unknown as (t: string) => void)("flow three\n");
    expect((await screen()).at(-1)).toBe("flow three");
    ld.feed("\x03");
    await new Promise((r) => setTimeout(r, 0));
    expect(ld.busy).toBe(false);
    // writes after Ctrl-C are dropped
    (write as unknown as (t: string) => void)("late\n");
    expect((await screen()).slice(-3)).toEqual(["flow three", "^C", "root@server:~# "]);
    ld.feed("echo ok\r");
    expect((await screen()).slice(-2)).toEqual(["ran echo ok", "root@server:~# "]);
  });

  it("a command a button ran while another streams runs after Ctrl-C (not discarded)", async () => {
    const executed: string[] = [];
    const { ld } = setup({
      execute: (line, signal) => {
        executed.push(line);
        return line === "kubectl get pods -w"
          ? new Promise<ExecResult>((resolve) =>
              signal.addEventListener("abort", () => resolve({ output: "", exitCode: 130 })),
            )
          : Promise.resolve({ output: "", exitCode: 0 });
      },
    });
    ld.feed("kubectl get pods -w\r");
    await new Promise((r) => setTimeout(r, 0));
    ld.runCommand("kubectl apply -f ~/policy.yaml");
    ld.feed("\x03");
    await new Promise((r) => setTimeout(r, 0));
    expect(executed).toEqual(["kubectl get pods -w", "kubectl apply -f ~/policy.yaml"]);
  });
});
