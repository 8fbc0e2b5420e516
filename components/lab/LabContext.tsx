"use client";
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from "react";
import { LabSession, type LabConfig, type LabView } from "./lab-session";
import { onOpenRequest } from "./editor/open-file";

export type TerminalControls = { runCommand(command: string): void; focus(): void; clear(): void };
export type LabTab = "terminal" | "files" | "flows" | "policies" | "map";

type LabContextValue = {
  readonly session: LabSession;
  readonly view: LabView;
  /** Types a command into the lab's terminal and runs it (the lesson's Run buttons). */
  runCommand(command: string): void;
  /** The terminal registers itself here once it is ready. */
  attachTerminal(controls: TerminalControls | null): void;
  readonly terminalReady: boolean;
  /** Shows the terminal tab and moves the keyboard focus into it ("Skip to the lab"). */
  focusTerminal(): void;
  readonly tab: LabTab;
  setTab(tab: LabTab): void;
};

const LabContext = createContext<LabContextValue | null>(null);

/** The id of the lab's region on the page (skip link and the phone's tab bar jump to it). */
export const LAB_ID = "lab";

/** True when the lesson and the lab are stacked (below Tailwind's lg breakpoint). */
export function stacked(): boolean {
  return typeof window !== "undefined" && window.matchMedia("(max-width: 1023.98px)").matches;
}

/** Scrolls the lab into view (on a wide screen it already is). */
export function showLab(): void {
  if (stacked()) document.getElementById(LAB_ID)?.scrollIntoView({ block: "start" });
}

/** Owns one lab session for a lesson or challenge page; everything inside can reach it. */
export function LabProvider({ config, children }: { config: LabConfig; children: ReactNode }) {
  const [session] = useState(() => {
    const created = new LabSession(config);
    // Start now, during hydration, rather than in an effect after it: the saved lab is fetched meanwhile.
    if (typeof window !== "undefined") void created.start();
    return created;
  });
  const view = useSyncExternalStore(session.subscribe, session.getView, () => session.initialView);
  const terminal = useRef<TerminalControls | null>(null);
  const queued = useRef<string[]>([]);
  const [terminalReady, setTerminalReady] = useState(false);
  const [tab, setTab] = useState<LabTab>("terminal");

  // vi FILE, kubectl edit, Allow this: the file opens in the Files tab
  useEffect(() => onOpenRequest(() => setTab("files")), []);

  useEffect(() => {
    void session.start();
    const flush = () => session.flush();
    window.addEventListener("pagehide", flush);
    return () => window.removeEventListener("pagehide", flush);
  }, [session]);

  const attachTerminal = useCallback((controls: TerminalControls | null) => {
    terminal.current = controls;
    setTerminalReady(controls !== null);
    if (controls) for (const command of queued.current.splice(0)) controls.runCommand(command);
  }, []);

  const runCommand = useCallback((command: string) => {
    setTab("terminal");
    if (terminal.current) terminal.current.runCommand(command);
    else queued.current.push(command);
    // Stacked layout (phones): the lab is far below the text, so Run brings it into view to show the result.
    if (stacked()) showLab();
  }, []);

  const focusTerminal = useCallback(() => {
    setTab("terminal");
    showLab();
    terminal.current?.focus();
  }, []);

  const value = useMemo(
    () => ({ session, view, runCommand, attachTerminal, terminalReady, focusTerminal, tab, setTab }),
    [session, view, runCommand, attachTerminal, terminalReady, focusTerminal, tab],
  );
  return <LabContext.Provider value={value}>{children}</LabContext.Provider>;
}

/** The lab of the surrounding page. */
export function useLab(): LabContextValue {
  const value = useContext(LabContext);
  if (!value) throw new Error("useLab must be used inside <LabProvider>");
  return value;
}

/** Like useLab, but null outside a lab (MDX components rendered elsewhere, e.g. in tests). */
export function useOptionalLab(): LabContextValue | null {
  return useContext(LabContext);
}
