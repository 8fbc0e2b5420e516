import type { Metadata } from "next";
import Link from "next/link";
import { SignInForm } from "@/components/workshop/SignInForm";
import { db } from "@/lib/db";
import { instructorCount } from "@/lib/workshops/instructors";
import { printSetupToken } from "@/lib/workshops/setup-log";

export const metadata: Metadata = { title: "Instructor set-up" };
export const dynamic = "force-dynamic";

/** First run: while no instructor exists, a fresh one-time token goes to the server log for each visit. */
export default async function SetupPage() {
  if ((await instructorCount(db())) > 0) {
    return (
      <div className="mx-auto w-full max-w-xl space-y-4 px-4 py-10 sm:px-6">
        <h1 className="text-3xl font-bold text-slate-900 dark:text-white">Set-up is finished</h1>
        <p>
          An instructor account exists.{" "}
          <Link href="/instructor/sign-in" className="underline">
            Sign in
          </Link>
          ; further accounts are made with <code className="font-mono">npm run -s instructor:create</code>.
        </p>
      </div>
    );
  }
  await printSetupToken();
  return (
    <div className="mx-auto w-full max-w-xl space-y-6 px-4 py-10 sm:px-6">
      <h1 className="text-3xl font-bold text-slate-900 dark:text-white">Set up the first instructor</h1>
      <p className="text-slate-600 dark:text-slate-400">
        A one-time set-up token is in the server&apos;s log (the terminal running{" "}
        <code className="font-mono">npm start</code>): printed at start-up, and again when you open this page (at most
        once a minute; every token printed stays valid for a day). Paste it here with the e-mail address and password of
        the first instructor.
      </p>
      <SignInForm setup />
    </div>
  );
}
