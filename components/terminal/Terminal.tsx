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
import { LineDiscipline, type ExecResult, type ExecStream } from "@/lib/terminal";
import { screenText, widestLine } from "./screen-text";

export interface TerminalBackend {
  prompt?: string;
  /** `stream` takes what a still-running command prints (hubble observe --follow) before it ends. */
  execute(
    line: string,
    signal: AbortSignal,
    stream?: ExecStream,
  ): Promise<{ output: string; exitCode: number; clear?: boolean }>;
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

const SCREEN_READER_KEY = "policy-lab:screen-reader";

/**
 * Screen-reader mode (xterm's accessibility tree, which announces every line): a setting, off unless the
 * learner turned it on or the system asks for more accessible rendering (forced colours, reduced motion).
 */
function initialScreenReader(): boolean {
  try {
    const saved = window.localStorage.getItem(SCREEN_READER_KEY);
    if (saved === "on" || saved === "off") return saved === "on";
  } catch {
    // storage unavailable: follow the system
  }
  return window.matchMedia?.("(forced-colors: active), (prefers-reduced-motion: reduce)").matches ?? false;
}

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
export function Terminal({
  backend,
  initialHistory,
  historyKey,
  onReady,
  className,
  label = "Lab terminal",
}: TerminalProps) {
  const host = useRef<HTMLDivElement>(null);
  const backendRef = useRef(backend);
  const onReadyRef = useRef(onReady);
  const [copied, setCopied] = useState(false);
  const termRef = useRef<{ copy(): string; setScreenReader(on: boolean): void } | null>(null);
  const [screenReader, setScreenReader] = useState(false);
  /** Columns the last wide output needed, while the terminal is narrower (null: nothing to say). */
  const [tooWide, setTooWide] = useState<{ need: number; have: number } | null>(null);

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
      const [{ Terminal: XTerm }, { FitAddon }] = await Promise.all([
        import("@xterm/xterm"),
        import("@xterm/addon-fit"),
      ]);
      if (disposed) return;
      const sr = initialScreenReader();
      setScreenReader(sr);
      const term = new XTerm({
        screenReaderMode: sr,
        cursorBlink: true,
        fontFamily: '"JetBrains Mono Variable", ui-monospace, SFMono-Regular, Menlo, monospace',
        fontSize: 14,
        scrollback: 5000,
        theme: THEME,
      });
      const fit = new FitAddon();
      term.loadAddon(fit);
      term.open(el);
      term.textarea?.setAttribute("aria-describedby", "terminal-keys");
      fit.fit();
      const discipline = new LineDiscipline<AbortSignal>({
        sink: { write: (d) => term.write(d) },
        backend: {
          get prompt() {
            return backendRef.current.prompt;
          },
          execute: async (line, signal, stream): Promise<ExecResult> => {
            const result = await backendRef.current.execute(line, signal, stream);
            const need = widestLine(result.output);
            setTooWide(need > term.cols ? { need, have: term.cols } : null);
            return result;
          },
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
      // Shift+Tab is not for the shell: the browser moves the focus out of the terminal (Tab completes).
      term.attachCustomKeyEventHandler((event) => !(event.key === "Tab" && event.shiftKey));
      const data = term.onData((d) => discipline.feed(d));
      const observer = new ResizeObserver(() => {
        try {
          fit.fit();
        } catch {
          // hidden container: nothing to fit
        }
      });
      observer.observe(el);
      termRef.current = {
        // A selection is copied only when the learner asks (Copy or Ctrl-Shift-C), never on selecting.
        copy: () => (term.hasSelection() ? term.getSelection() : screenText(term.buffer.active)),
        setScreenReader: (on) => {
          term.options.screenReaderMode = on;
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

  const toggleScreenReader = (on: boolean): void => {
    setScreenReader(on);
    termRef.current?.setScreenReader(on);
    try {
      window.localStorage.setItem(SCREEN_READER_KEY, on ? "on" : "off");
    } catch {
      // not remembered: the setting lasts for this page
    }
  };

  return (
    <section
      aria-label={label}
      className={className}
      data-testid="terminal"
      style={{ position: "relative", display: "flex", flexDirection: "column", minHeight: 0 }}
    >
      {/* Above the screen, not over it: nothing covers the first line. */}
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-slate-800 bg-slate-900 px-2 py-1 text-xs text-slate-400">
        <span id="terminal-keys" className="flex-1">
          Tab completes · Shift+Tab leaves the terminal
        </span>
        <label className="flex cursor-pointer items-center gap-1.5">
          <input
            type="checkbox"
            checked={screenReader}
            onChange={(e) => toggleScreenReader(e.target.checked)}
            className="accent-amber-500"
          />
          Screen reader mode
        </label>
        <button
          type="button"
          onClick={copy}
          aria-label="Copy terminal text"
          className="rounded border border-slate-600 bg-slate-800 px-2 py-0.5 text-slate-200 hover:bg-slate-700"
        >
          {copied ? "Copied" : "Copy"}
        </button>
      </div>
      {tooWide ? (
        <p
          role="status"
          className="flex items-center gap-2 border-b border-slate-800 bg-slate-900 px-2 py-1 text-xs text-amber-200"
        >
          <span className="flex-1">
            That output is {tooWide.need} columns wide and the terminal shows {tooWide.have}:{" "}
            {window.matchMedia("(min-width: 1024px)").matches
              ? "drag the divider between the lesson and the lab to widen it."
              : "turn the screen sideways to widen it."}
          </span>
          <button
            type="button"
            onClick={() => setTooWide(null)}
            aria-label="Dismiss"
            className="rounded px-1 text-slate-400 hover:text-white"
          >
            ✕
          </button>
        </p>
      ) : null}
      <div
        ref={host}
        style={{
          flex: 1,
          minHeight: 0,
          width: "100%",
          height: "100%",
          padding: 8,
          boxSizing: "border-box",
          background: THEME.background,
        }}
      />
    </section>
  );
}

export default Terminal;
