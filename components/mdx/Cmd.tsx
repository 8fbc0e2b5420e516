"use client";
import { useState } from "react";
import { useOptionalLab } from "@/components/lab/LabContext";

/**
 * A command from the lesson, with Run (types it into the lab's terminal and runs it) and Copy.
 * `expect` and `fails` are for the content test; the page does not show them.
 */
export function Cmd({
  command: exact,
  children,
}: {
  command?: string;
  children?: string;
  expect?: string;
  fails?: boolean;
}) {
  const lab = useOptionalLab();
  const [copied, setCopied] = useState(false);
  // `command` is set by the MDX pipeline (remarkCmdCommand) with the exact text; children are a fallback.
  const command = (exact ?? String(children ?? "")).replace(/^\n+|\n+$/g, "");
  const lines = command.split("\n");

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(command);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      setCopied(false);
    }
  };

  return (
    <div className="not-prose group my-4 overflow-hidden rounded-lg border border-slate-300 bg-slate-950 text-slate-100 dark:border-slate-700">
      <pre className="overflow-x-auto px-4 py-3 font-mono text-[0.85rem] leading-relaxed">
        <code>
          {lines.map((line, i) => (
            <span key={i} className="block">
              <span aria-hidden="true" className="select-none text-slate-500">
                {i === 0 ? "$ " : "  "}
              </span>
              {line}
            </span>
          ))}
        </code>
      </pre>
      <div className="flex justify-end gap-2 border-t border-slate-800 bg-slate-900 px-2 py-1.5">
        <button
          type="button"
          onClick={copy}
          className="rounded px-2 py-1 text-xs text-slate-300 hover:bg-slate-800 hover:text-white"
          aria-label={`Copy: ${lines[0]}`}
        >
          {copied ? "Copied" : "Copy"}
        </button>
        {lab ? (
          <button
            type="button"
            onClick={() => lab.runCommand(command)}
            disabled={lab.view.phase !== "ready"}
            className="rounded bg-brand-400 px-2.5 py-1 text-xs font-semibold text-slate-900 hover:bg-brand-300 disabled:opacity-50"
            aria-label={`Run: ${lines[0]}`}
          >
            ▶ Run
          </button>
        ) : null}
      </div>
    </div>
  );
}
