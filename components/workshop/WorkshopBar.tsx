"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";
import type { JoinedWorkshop } from "@/lib/workshops/participants";

type Announcement = { id: string; text: string; createdAt: string };
type Joined = Omit<JoinedWorkshop, "announcements"> & { announcements: Announcement[] };

const MARK = { done: "✓", "in-progress": "◐", "not-started": "○" } as const;

/**
 * For a learner in a workshop: its items in order (where they are, what is done) at the top of the lab's
 * text, and the instructor's announcements, which arrive through an event stream within about a second.
 * Renders nothing for a learner in no workshop.
 */
export function WorkshopBar() {
  const pathname = usePathname();
  const [workshop, setWorkshop] = useState<Joined | null>(null);
  const [announcements, setAnnouncements] = useState<Announcement[]>([]);
  const [dismissed, setDismissed] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    void fetch("/api/workshops/joined")
      .then((r) => (r.ok ? r.json() : { workshop: null }))
      .then((j: { workshop: Joined | null }) => {
        if (!cancelled) setWorkshop(j.workshop);
      })
      .catch(() => {});
    return () => {
      cancelled = true;
    };
  }, [pathname]);

  const workshopId = workshop?.id;
  useEffect(() => {
    if (!workshopId) return;
    const source = new EventSource("/api/workshops/joined/events");
    source.onmessage = (event) =>
      setAnnouncements((JSON.parse(event.data) as { announcements: Announcement[] }).announcements);
    return () => source.close();
  }, [workshopId]);

  if (!workshop) return null;
  const latest = announcements[0] ?? workshop.announcements[0];
  return (
    <>
      <nav
        aria-label="Workshop"
        className="border-b border-slate-200 bg-slate-50 px-4 py-2 text-sm sm:px-8 dark:border-slate-800 dark:bg-slate-900"
      >
        <p className="font-medium text-slate-900 dark:text-white">
          Workshop: {workshop.title}{" "}
          <span className="font-normal text-slate-500">· you are {workshop.displayName}</span>
        </p>
        <ol className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
          {workshop.items.map((item, i) => {
            const here = item.href === pathname;
            return (
              <li key={item.href}>
                <Link
                  href={item.href}
                  aria-current={here ? "page" : undefined}
                  className={
                    here
                      ? "font-semibold text-slate-900 underline dark:text-white"
                      : "text-slate-600 hover:underline dark:text-slate-300"
                  }
                >
                  <span aria-label={item.cell.status.replace("-", " ")}>{MARK[item.cell.status]}</span> {i + 1}.{" "}
                  {item.title}
                </Link>
              </li>
            );
          })}
        </ol>
      </nav>
      {latest && latest.id !== dismissed ? (
        <div
          role="status"
          aria-label="Announcement"
          className="fixed bottom-4 left-4 z-40 max-w-md rounded-xl border border-brand-400 bg-brand-50 p-4 text-sm text-slate-900 shadow-lg dark:bg-slate-900 dark:text-white"
        >
          <p className="text-xs font-medium uppercase text-brand-700 dark:text-brand-300">
            Announcement · {new Date(latest.createdAt).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })}
          </p>
          <p className="mt-1">{latest.text}</p>
          <button onClick={() => setDismissed(latest.id)} className="mt-2 text-xs underline">
            Dismiss
          </button>
        </div>
      ) : null}
    </>
  );
}
