/** The Policy Lab mark: a hexagon (Cilium's cell) with a check, drawn inline so it needs no request. */
export function Logo({ className = "h-7 w-7" }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" className={className} aria-hidden="true">
      <path d="M16 2 28.1 9v14L16 30 3.9 23V9Z" className="fill-brand-400" />
      <path d="M16 6.5 24.2 11.2v9.6L16 25.5l-8.2-4.7v-9.6Z" className="fill-slate-900 dark:fill-slate-950" />
      <path
        d="m11.5 16.2 3.1 3.1 6-6.3"
        fill="none"
        strokeWidth="2.4"
        strokeLinecap="round"
        strokeLinejoin="round"
        className="stroke-brand-400"
      />
    </svg>
  );
}
