import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import QRCode from "qrcode";
import { LiveDashboard } from "@/components/workshop/LiveDashboard";
import { WorkshopControls } from "@/components/workshop/WorkshopControls";
import { db } from "@/lib/db";
import { formatJoinCode } from "@/lib/workshops/codes";
import { currentInstructor } from "@/lib/workshops/current";
import { itemTitle } from "@/lib/workshops/items";
import { siteOrigin } from "@/lib/workshops/page-url";
import { workshopForHost, workshopHosts } from "@/lib/workshops/workshops";

export const metadata: Metadata = { title: "Workshop dashboard" };
export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

export default async function WorkshopPage({ params }: Params) {
  const instructor = await currentInstructor();
  if (!instructor) redirect("/instructor/sign-in");
  const workshop = await workshopForHost(db(), instructor.id, (await params).id);
  if (!workshop) notFound();
  const joinUrl = `${await siteOrigin()}/join/${workshop.code}`;
  // Drawn on the server: the projector page needs no QR library in the browser.
  const qr = await QRCode.toString(joinUrl, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  const hosts = await workshopHosts(db(), workshop.id);
  const when = (d: Date | null) =>
    d ? d.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC" : null;

  return (
    <div className="mx-auto w-full max-w-7xl space-y-8 px-4 py-8 sm:px-6">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
        <Link href="/instructor" className="hover:underline">
          Your workshops
        </Link>{" "}
        / {workshop.title}
      </nav>
      <header className="flex flex-wrap gap-8">
        <div className="min-w-72 flex-1 space-y-3">
          <h1 className="text-3xl font-bold text-slate-900 dark:text-white">{workshop.title}</h1>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            {workshop.state === "open"
              ? "Open for joining"
              : workshop.state === "closed"
                ? "Closed to new participants"
                : "Archived"}
            {workshop.startsAt ? ` · starts ${when(workshop.startsAt)}` : ""}
            {workshop.endsAt ? ` · ends ${when(workshop.endsAt)}` : ""} · hosts:{" "}
            {hosts.map((h) => `${h.email}${h.role === "owner" ? " (owner)" : ""}`).join(", ")}
          </p>
          <p className="text-lg">
            Join at{" "}
            <span className="font-mono" data-testid="join-url">
              {joinUrl}
            </span>
          </p>
          <p className="text-4xl font-bold tracking-widest" aria-label="Join code">
            {formatJoinCode(workshop.code)}
          </p>
          <ol className="list-decimal pl-5 text-sm text-slate-600 dark:text-slate-400">
            {workshop.items.map((i) => (
              <li key={`${i.kind}:${i.slug}`}>
                {itemTitle(i)} <span className="text-xs uppercase">({i.kind})</span>
              </li>
            ))}
          </ol>
          <p className="flex flex-wrap gap-4 text-sm">
            <a href={`/api/workshops/${workshop.id}/export.csv`} className="underline" download>
              Export grid (CSV)
            </a>
            <a href={`/api/workshops/${workshop.id}/export.csv?table=attempts`} className="underline" download>
              Export all attempts (CSV)
            </a>
          </p>
        </div>
        <div
          className="w-56 shrink-0 rounded-xl bg-white p-2"
          aria-label="QR code of the join link"
          role="img"
          dangerouslySetInnerHTML={{ __html: qr }}
        />
        <div className="min-w-72 flex-1">
          <WorkshopControls id={workshop.id} state={workshop.state} isOwner={workshop.role === "owner"} />
        </div>
      </header>
      <LiveDashboard workshopId={workshop.id} />
    </div>
  );
}
