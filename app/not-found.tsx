import Link from "next/link";

export default function NotFound() {
  return (
    <div className="mx-auto flex w-full max-w-xl flex-1 flex-col items-start justify-center gap-4 px-4 py-16 sm:px-6">
      <p className="font-mono text-sm text-slate-500">Error from server (NotFound): pages not found</p>
      <h1 className="text-3xl font-bold text-slate-900 dark:text-white">This page does not exist</h1>
      <p className="text-slate-600 dark:text-slate-300">
        The link may be old, or the lesson may have moved. Every lesson and challenge is listed on the home page.
      </p>
      <Link href="/" className="rounded-lg bg-brand-400 px-4 py-2 font-semibold text-slate-900 hover:bg-brand-300">
        Back to the catalogue
      </Link>
    </div>
  );
}
