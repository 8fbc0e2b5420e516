/** The site footer: what this is, and what it is not. */
export function SiteFooter() {
  return (
    <footer className="border-t border-slate-200 text-sm text-slate-500 dark:border-slate-800 dark:text-slate-400">
      <div className="mx-auto flex max-w-6xl flex-col gap-2 px-4 py-6 sm:flex-row sm:items-center sm:justify-between sm:px-6">
        <p>Policy Lab — learn Cilium network policies against a simulated cluster that starts in a second.</p>
        <p>Simulates Cilium 1.20 and kubectl 1.34. Not affiliated with the Cilium project.</p>
      </div>
    </footer>
  );
}
