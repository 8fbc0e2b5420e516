"use client";
import { useCallback, useMemo, useState } from "react";
import { evaluate, type FlowEvent } from "@/lib/cluster";
import type { ShellState } from "@/lib/shell";
import { useLab } from "./LabContext";
import { useLoaded } from "./deferred/use-loaded";

type FlowEndpoint = FlowEvent["source"];

function label(e: FlowEndpoint): string {
  const where = e.pod ? `${e.namespace}/${e.pod}` : (e.names[0] ?? e.reserved ?? e.ip);
  return e.port ? `${where}:${e.port}` : where;
}

/** The engine's name for an endpoint of a recorded flow, so the flow can be re-evaluated and explained. */
function ref(e: FlowEndpoint): string {
  if (e.pod && e.namespace) return `${e.namespace}/${e.pod}`;
  if (e.reserved === "host" && e.node) return `node:${e.node}`;
  return e.ip;
}

function describe(event: FlowEvent): string {
  const k = event.event;
  switch (k.type) {
    case "drop":
      return k.dropReason;
    case "policy-verdict":
      return `policy-verdict:${k.matchType} ${k.direction}`;
    case "l7":
      return k.l7.kind === "http-request"
        ? `${k.l7.method} ${k.l7.url}`
        : k.l7.kind === "http-response"
          ? `HTTP ${k.l7.code}`
          : k.l7.kind;
    case "trace":
      return k.observationPoint;
  }
}

/** Why the policies as they are now decide `event` (the engine's explained verdict for the same flow). */
function Explanation({ shell, event }: { shell: ShellState; event: FlowEvent }) {
  const explain = useCallback(() => {
    const http = event.event.type === "l7" && event.event.l7.kind === "http-request" ? event.event.l7 : undefined;
    const result = evaluate(shell.cluster, {
      from: ref(event.source),
      to: ref(event.destination),
      port: event.destination.port ?? 0,
      protocol: event.l4.protocol === "UDP" ? "UDP" : event.l4.protocol === "SCTP" ? "SCTP" : "TCP",
      ...(http ? { http: { method: http.method, path: new URL(http.url, "http://x").pathname } } : {}),
    });
    return result.ok ? result.verdict.reason : result.error;
  }, [shell, event]);
  return <>{useLoaded(explain) ?? "…"}</>;
}

/** The lab's recent flows, newest first, with "explain" on each: why the policies as they are now decide it. */
export function FlowsView() {
  const { view } = useLab();
  const [open, setOpen] = useState<number | null>(null);
  const shell = view.shell;
  const events = useMemo(
    () =>
      (shell?.cluster.flows ?? [])
        .filter((e) => !e.isReply && (e.event.type !== "trace" || e.event.observationPoint === "to-endpoint"))
        .slice(-200)
        .reverse(),
    [shell],
  );
  if (!shell) return null;
  if (events.length === 0) {
    return (
      <p className="p-4 text-sm text-slate-500">
        No flows yet. Connect from a pod — e.g.{" "}
        <code className="font-mono">kubectl exec tiefighter -- curl -s deathstar</code> — and every packet decision
        shows up here, as in <code className="font-mono">hubble observe</code>.
      </p>
    );
  }
  return (
    <ol
      className="divide-y divide-slate-200 overflow-y-auto text-sm dark:divide-slate-800"
      aria-label="Recent flows, newest first"
    >
      {events.map((event) => (
        <li key={event.id} className="px-3 py-2">
          <div className="flex flex-wrap items-center gap-x-2 gap-y-1 font-mono text-xs">
            <span
              className={`rounded px-1.5 py-0.5 font-semibold ${
                event.verdict === "DROPPED"
                  ? "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300"
                  : event.verdict === "AUDIT"
                    ? "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-300"
                    : "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300"
              }`}
            >
              {event.verdict}
            </span>
            <span>{label(event.source)}</span>
            <span aria-hidden="true">→</span>
            <span>{label(event.destination)}</span>
            <span className="text-slate-500">{describe(event)}</span>
            <button
              type="button"
              className="ml-auto rounded border border-slate-300 px-1.5 py-0.5 font-sans text-xs hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
              aria-expanded={open === event.id}
              onClick={() => setOpen(open === event.id ? null : event.id)}
            >
              Explain
            </button>
          </div>
          {open === event.id ? (
            <p className="mt-2 rounded bg-slate-100 px-2 py-1.5 text-xs text-slate-700 dark:bg-slate-900 dark:text-slate-300">
              <Explanation shell={shell} event={event} />
              {event.policies.length > 0 ? (
                <span className="block text-slate-500">Recorded by: {event.policies.join(", ")}</span>
              ) : null}
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
