"use client";
import { useCallback, useMemo, useState, type KeyboardEvent } from "react";
import { policyStatus } from "@/lib/cluster";
import { LAB_ID, useLab, type LabTab } from "./LabContext";
import { SaveIndicator } from "./SaveIndicator";
import { useLoaded } from "./deferred/use-loaded";
import { lazyView } from "./lazy-view";
import { Terminal } from "@/components/terminal/Terminal";

/**
 * The Terminal component is plain React; xterm itself (which touches the DOM on import) is imported inside
 * its effect. Not wrapped in next/dynamic: React holds back a resolved Suspense boundary for ~300 ms, which
 * would delay the prompt. Instead xterm's code is fetched as soon as this module runs in the browser — while
 * React is still hydrating the page — so it is there when the lab is ready.
 */
if (typeof window !== "undefined") void Promise.all([import("@xterm/xterm"), import("@xterm/addon-fit")]);

/** The other tabs' code comes when a tab is first wanted (hovered, focused or opened), not with the page. */
const FilesEditor = lazyView(() => import("./FilesEditor").then((m) => m.FilesEditor));
const FlowsView = lazyView(() => import("./flows/FlowsPanel").then((m) => m.FlowsPanel));
const MapView = lazyView(() => import("./map/MapView").then((m) => m.MapView));
const PoliciesView = lazyView(() => import("./PoliciesView").then((m) => m.PoliciesView));

const TABS: readonly { id: LabTab; label: string; preload?: () => Promise<unknown> }[] = [
  { id: "terminal", label: "Terminal" },
  { id: "files", label: "Files", preload: FilesEditor.preload },
  { id: "flows", label: "Flows", preload: FlowsView.preload },
  { id: "policies", label: "Policies", preload: PoliciesView.preload },
  { id: "map", label: "Map", preload: MapView.preload },
];

/** The lab: terminal, files and flows over one simulated cluster, with Reset and the save state. */
export function LabPanel({ historyKey }: { historyKey: string }) {
  const { session, view, attachTerminal, tab, setTab } = useLab();
  // Reset wipes policies, files and history: it asks first, and can be undone until the next change.
  const [confirmingReset, setConfirmingReset] = useState(false);
  // A policy that enforces nothing, or does nothing, deserves a glance: flag the tab.
  const countAttention = useCallback(() => {
    if (!view.shell) return 0;
    return policyStatus(view.shell.cluster).filter((p) => !p.valid || p.warnings.length > 0).length;
  }, [view.shell]);
  const attention = useLoaded(countAttention) ?? 0;
  const backend = useMemo(
    () => ({ prompt: "root@server:~# ", execute: session.execute, complete: session.complete }),
    [session],
  );
  const onReady = useCallback((api: Parameters<typeof attachTerminal>[0]) => attachTerminal(api), [attachTerminal]);

  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    const i = TABS.findIndex((t) => t.id === tab);
    const next =
      event.key === "ArrowRight"
        ? TABS[(i + 1) % TABS.length]
        : event.key === "ArrowLeft"
          ? TABS[(i + TABS.length - 1) % TABS.length]
          : null;
    if (next) {
      event.preventDefault();
      setTab(next.id);
      document.getElementById(`lab-tab-${next.id}`)?.focus();
    }
  };

  return (
    <section
      id={LAB_ID}
      aria-label="Lab"
      className="flex h-full min-h-0 flex-1 scroll-mt-2 flex-col bg-slate-950 text-slate-100"
    >
      <div className="flex flex-wrap items-center gap-2 border-b border-slate-800 px-2 py-1.5">
        <div role="tablist" aria-label="Lab views" className="flex gap-1">
          {TABS.map((t) => (
            <button
              key={t.id}
              id={`lab-tab-${t.id}`}
              role="tab"
              type="button"
              aria-selected={tab === t.id}
              aria-controls={`lab-panel-${t.id}`}
              tabIndex={tab === t.id ? 0 : -1}
              onKeyDown={onTabKey}
              onClick={() => setTab(t.id)}
              onPointerEnter={() => void t.preload?.().catch(() => undefined)}
              onFocus={() => void t.preload?.().catch(() => undefined)}
              className={`rounded px-3 py-1 text-sm ${tab === t.id ? "bg-slate-800 text-white" : "text-slate-400 hover:text-white"}`}
            >
              {t.label}
              {t.id === "policies" && attention > 0 ? (
                <span
                  className="ml-1.5 rounded-full bg-amber-500 px-1.5 text-xs font-semibold text-slate-900"
                  aria-label={`${attention} need attention`}
                >
                  {attention}
                </span>
              ) : null}
            </button>
          ))}
        </div>
        <div className="ml-auto flex items-center gap-3">
          <SaveIndicator />
          <button
            type="button"
            onClick={() => setConfirmingReset(true)}
            disabled={view.phase !== "ready" || confirmingReset}
            aria-expanded={confirmingReset}
            aria-controls="lab-reset-confirm"
            className="rounded border border-slate-700 px-2 py-1 text-xs text-slate-300 hover:bg-slate-800 disabled:opacity-40"
            title="Back to the scenario's starting state"
          >
            Reset lab
          </button>
        </div>
      </div>
      {confirmingReset ? (
        <div
          id="lab-reset-confirm"
          role="alertdialog"
          aria-label="Reset the lab?"
          className="flex flex-wrap items-center gap-2 border-b border-amber-700 bg-amber-950 px-3 py-2 text-sm text-amber-100"
        >
          <span className="flex-1">
            Reset the lab to the scenario&apos;s start? The policies you applied, your files and the terminal go back to
            how they began.
          </span>
          <button
            type="button"
            autoFocus
            onClick={() => {
              setConfirmingReset(false);
              session.reset();
            }}
            className="rounded bg-amber-400 px-2 py-1 text-xs font-semibold text-slate-900 hover:bg-amber-300"
          >
            Reset
          </button>
          <button
            type="button"
            onClick={() => setConfirmingReset(false)}
            className="rounded border border-amber-600 px-2 py-1 text-xs hover:bg-amber-900"
          >
            Cancel
          </button>
        </div>
      ) : null}
      {view.canUndoReset ? (
        <div
          role="status"
          className="flex flex-wrap items-center gap-2 border-b border-slate-700 bg-slate-900 px-3 py-2 text-sm text-slate-200"
        >
          <span className="flex-1">The lab was reset.</span>
          <button
            type="button"
            onClick={() => session.undoReset()}
            className="rounded border border-slate-500 px-2 py-1 text-xs hover:bg-slate-800"
          >
            Undo reset
          </button>
        </div>
      ) : null}
      {view.restoreError ? (
        <p role="alert" className="border-b border-amber-700 bg-amber-950 px-3 py-2 text-sm text-amber-200">
          Your saved lab could not be restored ({view.restoreError}). It is kept as it was: reload the page to try
          again. This lab starts fresh and is not saved until you press Reset lab.
        </p>
      ) : null}
      {view.phase === "loading" ? <p className="p-4 font-mono text-sm text-slate-400">starting the lab…</p> : null}
      {view.phase === "error" ? (
        <p role="alert" className="p-4 font-mono text-sm text-red-400">
          The lab could not start: {view.error}
        </p>
      ) : null}
      {/* The terminal stays mounted while other tabs show, so its screen and history survive. */}
      <div
        id="lab-panel-terminal"
        role="tabpanel"
        aria-labelledby="lab-tab-terminal"
        hidden={tab !== "terminal"}
        className="min-h-0 flex-1"
      >
        {view.phase === "ready" ? (
          <Terminal
            key={view.generation}
            backend={backend}
            historyKey={historyKey}
            initialHistory={view.shell?.history ?? []}
            onReady={onReady}
            className="h-full"
          />
        ) : null}
      </div>
      <div
        id="lab-panel-files"
        role="tabpanel"
        aria-labelledby="lab-tab-files"
        hidden={tab !== "files"}
        className="min-h-0 flex-1 bg-white text-slate-800 dark:bg-slate-950 dark:text-slate-200"
      >
        {tab === "files" ? <FilesEditor /> : null}
      </div>
      <div
        id="lab-panel-flows"
        role="tabpanel"
        aria-labelledby="lab-tab-flows"
        hidden={tab !== "flows"}
        className="min-h-0 flex-1 overflow-y-auto bg-white text-slate-800 dark:bg-slate-950 dark:text-slate-200"
      >
        {tab === "flows" ? <FlowsView /> : null}
      </div>
      <div
        id="lab-panel-policies"
        role="tabpanel"
        aria-labelledby="lab-tab-policies"
        hidden={tab !== "policies"}
        className="min-h-0 flex-1 overflow-y-auto bg-white text-slate-800 dark:bg-slate-950 dark:text-slate-200"
      >
        {tab === "policies" ? <PoliciesView /> : null}
      </div>
      <div
        id="lab-panel-map"
        role="tabpanel"
        aria-labelledby="lab-tab-map"
        hidden={tab !== "map"}
        className="min-h-0 flex-1 bg-white text-slate-800 dark:bg-slate-950 dark:text-slate-200"
      >
        {tab === "map" ? <MapView /> : null}
      </div>
    </section>
  );
}
