"use client";
import { useEffect, useState } from "react";
import type { ClusterState } from "@/lib/cluster";
import { settle } from "@/lib/base/deferred";
import { impactOfManifest, probeText, type ImpactRow, type ManifestImpact } from "@/lib/insight";

type Props = {
  readonly text: string;
  /** The file name kubectl would print (`policy.yaml`). */
  readonly source: string;
  readonly state: ClusterState | null;
};

const GROUPS: readonly { change: ImpactRow["change"]; title: string; tone: string }[] = [
  { change: "newly-allowed", title: "Newly allowed", tone: "text-emerald-700 dark:text-emerald-400" },
  { change: "newly-dropped", title: "Newly dropped", tone: "text-red-700 dark:text-red-400" },
  { change: "newly-denied-l7", title: "Newly denied at L7", tone: "text-amber-700 dark:text-amber-400" },
];

/** Beside the editor: the flows applying the file would change, before anything is applied. */
export function ImpactPreview({ text, source, state }: Props) {
  const [result, setResult] = useState<{ text: string; impact: ManifestImpact } | null>(null);
  useEffect(() => {
    if (!state || text.trim() === "") return;
    let live = true;
    const t = setTimeout(() => {
      void settle(() => impactOfManifest(state, text, source)).then((impact) => live && setResult({ text, impact }));
    }, 120);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [text, source, state]);

  const r = text.trim() === "" ? null : result?.impact;
  let summary: string;
  if (!state) summary = "Starting the lab…";
  else if (text.trim() === "") summary = "Write a policy to see which flows it would change.";
  else if (!r) summary = "Checking…";
  else if (!r.ok) summary = "kubectl apply would reject this file: fix the errors marked in the editor first.";
  else if (r.impact.all.length === 0)
    summary = `Applying this changes no verdict (${r.impact.compared} flows checked).`;
  else summary = `Applying this would change ${r.impact.all.length} of ${r.impact.compared} flows.`;

  return (
    <section
      aria-labelledby="impact-title"
      data-testid="impact-preview"
      className="flex min-h-0 flex-col overflow-y-auto p-3 text-sm"
    >
      <h3 id="impact-title" className="font-semibold">
        Impact preview
      </h3>
      <p aria-live="polite" className="mt-1 text-xs text-slate-600 dark:text-slate-400">
        {summary}
      </p>
      {r?.ok
        ? GROUPS.map((g) => {
            const rows = r.impact.rows.filter((x) => x.change === g.change);
            if (rows.length === 0) return null;
            return (
              <div key={g.change} className="mt-3">
                <h4 className={`text-xs font-semibold ${g.tone}`}>
                  {g.title} ({rows.length})
                </h4>
                <ul className="mt-1 space-y-1 font-mono text-[0.7rem] leading-snug">
                  {rows.map((row) => (
                    <li key={row.probe.key}>
                      {probeText(row.probe)}
                      <span className="text-slate-500">
                        {" "}
                        — {row.before} → {row.after}
                        {row.requests ? ` (+${row.requests} HTTP requests)` : ""}
                      </span>
                    </li>
                  ))}
                </ul>
              </div>
            );
          })
        : null}
    </section>
  );
}
