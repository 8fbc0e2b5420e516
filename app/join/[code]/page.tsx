import type { Metadata } from "next";
import { JoinForm } from "@/components/workshop/JoinForm";
import { formatJoinCode, normalizeJoinCode } from "@/lib/workshops/codes";

export const metadata: Metadata = { title: "Join a workshop" };

type Params = { params: Promise<{ code: string }> };

/**
 * The join page (the projector's link and QR code). It looks the same for every code, right or wrong: only
 * the join request, which is rate limited, tells them apart — so the page is no oracle for guessing codes.
 */
export default async function JoinPage({ params }: Params) {
  const code = (await params).code.slice(0, 32);
  const normalized = normalizeJoinCode(code);
  return (
    <div className="mx-auto w-full max-w-xl space-y-6 px-4 py-10 sm:px-6">
      <h1 className="text-3xl font-bold text-slate-900 dark:text-white">Join a workshop</h1>
      <p className="text-slate-600 dark:text-slate-400">
        Workshop code <span className="font-mono font-semibold">{normalized ? formatJoinCode(normalized) : code}</span>.
        No account needed: pick the name your instructor will see. Anything you already did in this browser counts.
      </p>
      <JoinForm code={code} />
    </div>
  );
}
