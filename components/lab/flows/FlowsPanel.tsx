"use client";
import { useEffect, useMemo, useRef, useState } from "react";
import { settle } from "@/lib/base/deferred";
import {
  draftAllowPolicy,
  explainFlow,
  explanationLines,
  flowRows,
  type FlowRow,
  type RowVerdict,
} from "@/lib/insight";
import { useLab } from "../LabContext";
import { requestOpen } from "../editor/open-file";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/** Hubble's compact time: `Jan 15 10:00:01.123` (UTC). */
function time(ms: number): string {
  const d = new Date(ms);
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${MONTHS[d.getUTCMonth()]} ${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${p(d.getUTCMilliseconds(), 3)}`;
}

const VERDICT_STYLE: Readonly<Record<RowVerdict, string>> = {
  forwarded: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300",
  dropped: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300",
  "denied-l7": "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300",
};
const VERDICT_TEXT: Readonly<Record<RowVerdict, string>> = {
  forwarded: "FORWARDED",
  dropped: "DROPPED",
  "denied-l7": "DENIED (L7)",
};

type Answer = { readonly kind: "explain" | "error"; readonly lines: readonly string[] };

/** The lab's flows as `hubble observe` records them, with filters, follow/pause, Explain and Allow this. */
export function FlowsPanel() {
  const { view, session, setTab } = useLab();
  const shell = view.shell;
  const [verdict, setVerdict] = useState<"all" | RowVerdict>("all");
  const [namespace, setNamespace] = useState("");
  const [pod, setPod] = useState("");
  const [pausedAt, setPausedAt] = useState<number | null>(null);
  const [open, setOpen] = useState<{ id: number; answer: Answer | null } | null>(null);
  const [from, setFrom] = useState("");
  const [target, setTarget] = useState("");
  const [sent, setSent] = useState<{ line: string; output: string } | null>(null);
  const scroller = useRef<HTMLDivElement>(null);

  const rows = useMemo(() => {
    if (!shell) return [];
    const state = shell.cluster;
    const externals = new Map(state.world.externals.map((e) => [e.ip, e.name]));
    return flowRows(state.flows, externals).slice(-500);
  }, [shell]);
  const namespaces = useMemo(() => [...new Set(rows.flatMap((r) => r.namespaces))].sort(), [rows]);
  const visible = rows.filter(
    (r) =>
      (pausedAt === null || r.id <= pausedAt) &&
      (verdict === "all" || r.verdict === verdict) &&
      (namespace === "" || r.namespaces.includes(namespace)) &&
      (pod === "" || r.pods.some((p) => p.includes(pod)) || r.source.includes(pod) || r.destination.includes(pod)),
  );
  const fresh = pausedAt === null ? 0 : rows.filter((r) => r.id > pausedAt).length;

  // Following: keep the newest flow in view.
  useEffect(() => {
    if (pausedAt === null && scroller.current) scroller.current.scrollTop = scroller.current.scrollHeight;
  }, [visible.length, pausedAt]);

  if (!shell) return null;
  const state = shell.cluster;
  const clients = state.world.pods.filter((p) => !p.hostNetwork);
  const client = from || (clients[0] ? `${clients[0].namespace}/${clients[0].name}` : "");

  const send = () => {
    const [ns, name] = client.split("/");
    const to = target.trim();
    if (!ns || !name || to === "" || /[\s'"\\;|&$`<>]/.test(to)) {
      setSent({
        line: "",
        output: "Give an address such as deathstar/v1/request-landing or 10.96.0.10:53 (no spaces).",
      });
      return;
    }
    const line = `kubectl exec -n ${ns} ${name} -- curl -s --connect-timeout 2 ${to}`;
    setSent({ line, output: "…" });
    void session.runAside(line).then((output) => setSent({ line, output: output === "" ? "(no output)" : output }));
  };

  const explain = (row: FlowRow) => {
    if (!row.flow) return;
    const flow = row.flow;
    setOpen({ id: row.id, answer: null });
    void settle(() => explainFlow(state, flow)).then((r) =>
      setOpen({
        id: row.id,
        answer: r.ok
          ? { kind: "explain", lines: explanationLines(r.explanation) }
          : { kind: "error", lines: [r.error] },
      }),
    );
  };
  const allow = (row: FlowRow) => {
    if (!row.flow) return;
    const flow = row.flow;
    void settle(() => draftAllowPolicy(state, flow)).then((r) => {
      if (!r.ok) {
        setOpen({ id: row.id, answer: { kind: "error", lines: [`Allow this: ${r.error}`] } });
        return;
      }
      const name = r.policies[0]?.name ?? "allow";
      const path = `/root/${name}.yaml`;
      session.writeFile(path, r.note ? `# ${r.note}\n${r.yaml}` : r.yaml);
      requestOpen(path);
      setTab("files");
    });
  };

  return (
    <div className="flex h-full min-h-0 flex-col text-sm">
      <form
        className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-3 py-2 text-xs dark:border-slate-800"
        onSubmit={(e) => e.preventDefault()}
        aria-label="Flow filters"
      >
        <label className="flex items-center gap-1">
          Verdict
          <select
            value={verdict}
            onChange={(e) => setVerdict(e.target.value as typeof verdict)}
            className="rounded border border-slate-300 bg-white px-1 py-0.5 dark:border-slate-700 dark:bg-slate-900"
          >
            <option value="all">all</option>
            <option value="forwarded">forwarded</option>
            <option value="dropped">dropped</option>
            <option value="denied-l7">denied at L7</option>
          </select>
        </label>
        <label className="flex items-center gap-1">
          Namespace
          <select
            value={namespace}
            onChange={(e) => setNamespace(e.target.value)}
            className="rounded border border-slate-300 bg-white px-1 py-0.5 dark:border-slate-700 dark:bg-slate-900"
          >
            <option value="">all</option>
            {namespaces.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-1">
          Pod
          <input
            value={pod}
            onChange={(e) => setPod(e.target.value)}
            placeholder="name contains…"
            className="w-32 rounded border border-slate-300 bg-white px-1 py-0.5 font-mono dark:border-slate-700 dark:bg-slate-900"
          />
        </label>
        <button
          type="button"
          onClick={() => setPausedAt(pausedAt === null ? (rows.at(-1)?.id ?? 0) : null)}
          aria-pressed={pausedAt === null}
          className="ml-auto rounded border border-slate-300 px-2 py-0.5 dark:border-slate-700"
        >
          {pausedAt === null ? "Following — pause" : `Paused${fresh > 0 ? ` (${fresh} new)` : ""} — follow`}
        </button>
      </form>
      <form
        className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-3 py-2 text-xs dark:border-slate-800"
        onSubmit={(e) => {
          e.preventDefault();
          send();
        }}
        aria-label="Send a request"
      >
        <label className="flex items-center gap-1">
          From
          <select
            value={client}
            onChange={(e) => setFrom(e.target.value)}
            className="rounded border border-slate-300 bg-white px-1 py-0.5 font-mono dark:border-slate-700 dark:bg-slate-900"
          >
            {clients.map((p) => (
              <option key={`${p.namespace}/${p.name}`} value={`${p.namespace}/${p.name}`}>
                {p.namespace}/{p.name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-1">
          curl
          <input
            value={target}
            onChange={(e) => setTarget(e.target.value)}
            placeholder="deathstar/v1/"
            className="w-48 rounded border border-slate-300 bg-white px-1 py-0.5 font-mono dark:border-slate-700 dark:bg-slate-900"
          />
        </label>
        <button className="rounded border border-slate-300 px-2 py-0.5 dark:border-slate-700">Send</button>
        {sent ? (
          <output className="w-full font-mono whitespace-pre-wrap text-slate-600 dark:text-slate-400">
            {sent.line ? (
              <span className="text-slate-500">
                $ {sent.line}
                {"\n"}
              </span>
            ) : null}
            {sent.output}
          </output>
        ) : null}
      </form>
      {rows.length === 0 ? (
        <p className="p-4 text-slate-500">
          No flows yet. Connect from a pod — e.g.{" "}
          <code className="font-mono">kubectl exec tiefighter -- curl -s deathstar</code> — and every decision shows up
          here, as in <code className="font-mono">hubble observe</code>.
        </p>
      ) : (
        <div ref={scroller} className="min-h-0 flex-1 overflow-auto">
          <table className="w-full border-collapse font-mono text-[0.7rem]">
            <caption className="sr-only">Flows, oldest first, as hubble observe records them</caption>
            <thead className="sticky top-0 bg-slate-100 text-left font-sans dark:bg-slate-900">
              <tr>
                {["Time", "Source", "Destination", "Node", "Port", "L7 / event", "Verdict", ""].map((h, i) => (
                  <th key={i} scope="col" className="px-2 py-1 font-semibold">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {visible.map((row) => (
                <FlowLine
                  key={row.id}
                  row={row}
                  open={open?.id === row.id ? open.answer : undefined}
                  onExplain={() => (open?.id === row.id ? setOpen(null) : explain(row))}
                  onAllow={() => allow(row)}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function FlowLine({
  row,
  open,
  onExplain,
  onAllow,
}: {
  row: FlowRow;
  open: Answer | null | undefined;
  onExplain(): void;
  onAllow(): void;
}) {
  const expanded = open !== undefined;
  return (
    <>
      <tr className="border-t border-slate-200 align-top dark:border-slate-800" data-verdict={row.verdict}>
        <td className="px-2 py-1 whitespace-nowrap text-slate-500">{time(row.time)}</td>
        <td className="px-2 py-1">{row.source}</td>
        <td className="px-2 py-1">{row.destination}</td>
        <td className="px-2 py-1 text-slate-500">{row.node}</td>
        <td className="px-2 py-1">{row.port !== undefined ? `${row.port}/${row.protocol}` : row.protocol}</td>
        <td className="px-2 py-1 text-slate-600 dark:text-slate-400">{row.summary}</td>
        <td className="px-2 py-1">
          <span className={`rounded px-1 py-0.5 font-semibold ${VERDICT_STYLE[row.verdict]}`}>
            {VERDICT_TEXT[row.verdict]}
          </span>
        </td>
        <td className="px-2 py-1 font-sans whitespace-nowrap">
          {row.flow ? (
            <>
              <button
                type="button"
                aria-expanded={expanded}
                onClick={onExplain}
                className="rounded border border-slate-300 px-1.5 py-0.5 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
              >
                Explain
              </button>
              {row.verdict !== "forwarded" ? (
                <button
                  type="button"
                  onClick={onAllow}
                  className="ml-1 rounded bg-brand-400 px-1.5 py-0.5 font-semibold text-slate-900 hover:bg-brand-300"
                >
                  Allow this
                </button>
              ) : null}
            </>
          ) : null}
        </td>
      </tr>
      {expanded ? (
        <tr>
          <td colSpan={8} className="px-2 pb-2">
            <pre
              role="region"
              aria-label="Explanation"
              className={`rounded bg-slate-100 px-2 py-1.5 whitespace-pre-wrap dark:bg-slate-900 ${open?.kind === "error" ? "text-red-700 dark:text-red-300" : ""}`}
            >
              {open ? open.lines.join("\n") : "…"}
            </pre>
          </td>
        </tr>
      ) : null}
    </>
  );
}
