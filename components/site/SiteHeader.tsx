import Link from "next/link";
import { Logo } from "./Logo";

const NAV = [
  { href: "/#lessons", label: "Lessons" },
  { href: "/#challenges", label: "Challenges" },
  { href: "/progress", label: "Progress" },
] as const;

/** The site header: the mark, the name and the main sections. Wraps under the name on narrow phones. */
export function SiteHeader() {
  return (
    <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/90 backdrop-blur dark:border-slate-800 dark:bg-slate-950/90">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-1 px-4 py-3 sm:px-6 lg:h-14 lg:py-0">
        <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight text-slate-900 dark:text-white">
          <Logo />
          <span>Policy Lab</span>
        </Link>
        <nav aria-label="Main" className="ml-auto">
          <ul className="flex items-center gap-1 text-sm">
            {NAV.map((item) => (
              <li key={item.href}>
                <Link
                  href={item.href}
                  className="rounded-md px-3 py-2 text-slate-600 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-white"
                >
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </div>
    </header>
  );
}
