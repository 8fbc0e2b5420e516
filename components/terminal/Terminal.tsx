"use client";
/**
 * The lab terminal: @xterm/xterm 6 + FitAddon (follows its container through a ResizeObserver), created once
 * in an effect (never rendered on the server) and disposed on unmount. Line editing, history and completion
 * live in lib/terminal's LineDiscipline; this component only wires xterm to it.
 *
 * Tests read the text through `getByTestId("terminal")` (xterm's DOM renderer rows and its screen-reader
 * tree are inside), e.g. `await expect(page.getByTestId("terminal")).toContainText("Ship landed")`.
 */
import "@xterm/xterm/css/xterm.css";
import { useEffect, useRef, useState } from "react";
import { isIncomplete } from "@/lib/shell/parse/parser";
import { LineDiscipline, type ExecResult } from "@/lib/terminal";

export interface TerminalBackend {
  prompt?: string;
  execute(line: string, signal: AbortSignal): Promise<{ output: string; exitCode: number; clear?: boolean }>;
  complete(line: string, cursor: number): { replaceFrom: number; candidates: string[] };
  isIncomplete?(text: string): boolean;
}

export interface TerminalApi {
  /** Types the command visibly, then runs it (queued while another command runs). */
  runCommand(cmd: string): void;
  focus(): void;
  clear(): void;
}

export interface TerminalProps {
  backend: TerminalBackend;
  initialHistory?: readonly string[];
  /** localStorage key for the history (one per lab). */
  historyKey?: string;
  onReady?(api: TerminalApi): void;
  className?: string;
  /** Accessible name of the terminal region. */
  label?: string;
}

const THEME = {
  background: "#0f172a",
  foreground: "#e2e8f0",
  cursor: "#f8fafc",
  selectionBackground: "#334155",
  black: "#1e293b",
  red: "#f87171",
  green: "#4ade80",
  yellow: "#facc15",
  blue: "#60a5fa",
  magenta: "#e879f9",
  cyan: "#22d3ee",
  white: "#e2e8f0",
  brightBlack: "#64748b",
  brightRed: "#fca5a5",
  brightGreen: "#86efac",
  brightYellow: "#fde047",
  brightBlue: "#93c5fd",
  brightMagenta: "#f0abfc",
  brightCyan: "#67e8f9",
  brightWhite: "#f8fafc",
};

function loadHistory(key: string | undefined, fallback: readonly string[] | undefined): string[] {
  if (key) {
    try {
      const raw = window.localStorage.getItem(key);
      const parsed: unknown = raw ? JSON.parse(raw) : null;
      if (Array.isArray(parsed)) return parsed.filter((x): x is string => typeof x === "string");
    } catch {
      // storage unavailable or corrupt: start from the given history
    }
  }
  return [...(fallback ?? [])];
}

/** The terminal component. */
export function Terminal({ backend, initialHistory, historyKey, onReady, className, label = "Lab terminal" }: TerminalProps) {
  const host = useRef<HTMLDivElement>(null);
  const backendRef = useRef(backend);
  const onReadyRef = useRef(onReady);
  const [copied, setCopied] = useState(false);
  const termRef = useRef<{ copy(): string } | null>(null);

  useEffect(() => {
    backendRef.current = backend;
    onReadyRef.current = onReady;
  });

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    let disposed = false;
    let cleanup = (): void => undefined;
    void (async () => {
      const [{ Terminal: XTerm }, { FitAddon }] = await Promise.all([import("@xterm/xterm"), import("@xterm/addon-fit")]);
      if (disposed) return;
      const term = new XTerm({
        screenReaderMode: true,
        cursorBlink: true,
        fontFamily: '"JetBrains Mono Variable", ui-monospace, SFMono-Regular, Menlo, monospace',
        fontSize: 14,
        scrollback: 5000,
        theme: THEME,
      });
      const fit = new FitAddon();
      term.loadAddon(fit);
      term.open(el);
      fit.fit();
      const discipline = new LineDiscipline<AbortSignal>({
        sink: { write: (d) => term.write(d) },
        backend: {
          get prompt() {
            return backendRef.current.prompt;
          },
          execute: (line, signal): Promise<ExecResult> => backendRef.current.execute(line, signal),
          complete: (line, cursor) => backendRef.current.complete(line, cursor),
          isIncomplete: (text) => (backendRef.current.isIncomplete ?? isIncomplete)(text),
        },
        createAbortController: () => new AbortController(),
        cols: () => term.cols,
        history: loadHistory(historyKey, initialHistory),
        onHistoryChange: (h) => {
          if (!historyKey) return;
          try {
            window.localStorage.setItem(historyKey, JSON.stringify(h.slice(-500)));
          } catch {
            // quota or privacy mode: history stays in memory
          }
        },
      });
      const data = term.onData((d) => discipline.feed(d));
      const selection = term.onSelectionChange(() => {
        const text = term.getSelection();
        if (text) void navigator.clipboard?.writeText(text).catch(() => undefined);
      });
      const observer = new ResizeObserver(() => {
        try {
          fit.fit();
        } catch {
          // hidden container: nothing to fit
        }
      });
      observer.observe(el);
      termRef.current = {
        copy: () => {
          if (term.hasSelection()) return term.getSelection();
          const b = term.buffer.active;
          const lines: string[] = [];
          for (let i = 0; i < b.length; i++) lines.push(b.getLine(i)?.translateToString(true) ?? "");
          return lines.join("\n").trimEnd();
        },
      };
      discipline.start();
      onReadyRef.current?.({
        runCommand: (cmd) => discipline.runCommand(cmd),
        focus: () => term.focus(),
        clear: () => discipline.clearScreen(),
      });
      cleanup = () => {
        observer.disconnect();
        data.dispose();
        selection.dispose();
        discipline.dispose();
        term.dispose();
        termRef.current = null;
      };
    })();
    return () => {
      disposed = true;
      cleanup();
    };
    // created once: backend and callbacks are read through refs
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const copy = (): void => {
    const text = termRef.current?.copy() ?? "";
    void navigator.clipboard?.writeText(text).then(() => {
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    });
  };

  return (
    <section aria-label={label} className={className} data-testid="terminal" style={{ position: "relative", display: "flex", flexDirection: "column", minHeight: 0 }}>
      <button
        type="button"
        onClick={copy}
        aria-label="Copy terminal text"
        style={{ position: "absolute", top: 6, right: 10, zIndex: 2, fontSize: 12, padding: "2px 8px", borderRadius: 4, border: "1px solid #475569", background: "#1e293b", color: "#e2e8f0", cursor: "pointer" }}
      >
        {copied ? "Copied" : "Copy"}
      </button>
      <div ref={host} style={{ flex: 1, minHeight: 0, width: "100%", height: "100%", padding: 8, boxSizing: "border-box", background: THEME.background }} />
    </section>
  );
}

export default Terminal;
