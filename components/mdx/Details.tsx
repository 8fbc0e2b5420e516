import type { ReactNode } from "react";

/** Collapsed extra depth; native <details>, so it works without JavaScript and with the keyboard. */
export function Details({ summary, children }: { summary: string; children: ReactNode }) {
  return (
    <details className="group my-5 rounded-lg border border-slate-200 dark:border-slate-800">
      <summary className="cursor-pointer select-none px-4 py-3 font-medium text-slate-900 marker:text-slate-400 dark:text-white">
        {summary}
      </summary>
      <div className="border-t border-slate-200 px-4 py-3 dark:border-slate-800">{children}</div>
    </details>
  );
}
