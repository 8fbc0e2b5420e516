import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { CreateWorkshopForm } from "@/components/workshop/CreateWorkshopForm";
import { SignOutButton } from "@/components/workshop/SignOutButton";
import { catalog } from "@/lib/content/catalog";
import { db } from "@/lib/db";
import { formatJoinCode } from "@/lib/workshops/codes";
import { currentInstructor } from "@/lib/workshops/current";
import { listWorkshops } from "@/lib/workshops/workshops";

export const metadata: Metadata = { title: "Instructor" };
export const dynamic = "force-dynamic";

export default async function InstructorHome() {
  const instructor = await currentInstructor();
  if (!instructor) redirect("/instructor/sign-in");
  const workshops = await listWorkshops(db(), instructor.id, { archived: true });
  const { lessons, challenges } = catalog();
  const available = [
    ...lessons.map((l) => ({ kind: "lesson" as const, slug: l.slug, title: `${l.order}. ${l.title}` })),
    ...challenges.map((c) => ({ kind: "challenge" as const, slug: c.slug, title: c.title })),
  ];
  return (
    <div className="mx-auto w-full max-w-5xl space-y-10 px-4 py-10 sm:px-6">
      <header className="flex flex-wrap items-center gap-4">
        <div className="mr-auto">
          <h1 className="text-3xl font-bold text-slate-900 dark:text-white">Your workshops</h1>
          <p className="text-sm text-slate-500">Signed in as {instructor.email}</p>
        </div>
        <SignOutButton />
      </header>
      <section aria-labelledby="list-h" className="space-y-3">
        <h2 id="list-h" className="sr-only">
          Workshops
        </h2>
        {workshops.length === 0 ? (
          <p className="text-slate-600 dark:text-slate-400">No workshops yet: create one below.</p>
        ) : null}
        <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
          {workshops.map((w) => (
            <li key={w.id} className="flex flex-wrap items-center gap-4 px-4 py-3">
              <Link
                href={`/instructor/workshops/${w.id}`}
                className="flex-1 font-medium text-slate-900 hover:underline dark:text-white"
              >
                {w.title}
              </Link>
              <span className="font-mono text-sm">{formatJoinCode(w.code)}</span>
              <span className="text-sm text-slate-500">
                {w.items.length} items · {w.state}
                {w.role === "cohost" ? " · co-host" : ""}
              </span>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="new-h" className="space-y-3">
        <h2 id="new-h" className="text-xl font-semibold text-slate-900 dark:text-white">
          New workshop
        </h2>
        <CreateWorkshopForm available={available} />
      </section>
    </div>
  );
}
