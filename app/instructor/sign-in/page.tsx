import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/workshop/SignInForm";
import { db } from "@/lib/db";
import { currentInstructor } from "@/lib/workshops/current";
import { instructorCount } from "@/lib/workshops/instructors";

export const metadata: Metadata = { title: "Instructor sign-in" };
export const dynamic = "force-dynamic";

export default async function SignInPage() {
  if (await currentInstructor()) redirect("/instructor");
  const none = (await instructorCount(db())) === 0;
  return (
    <div className="mx-auto w-full max-w-xl space-y-6 px-4 py-10 sm:px-6">
      <h1 className="text-3xl font-bold text-slate-900 dark:text-white">Instructor sign-in</h1>
      <p className="text-slate-600 dark:text-slate-400">
        Run a workshop: gather a class with a join code and watch who is stuck on what. Learners need no account.
      </p>
      {none ? (
        <p className="rounded-lg border border-brand-400 bg-brand-50 p-3 text-sm dark:bg-slate-900">
          No instructor account exists yet.{" "}
          <Link href="/instructor/setup" className="underline">
            Set up the first one
          </Link>{" "}
          with the token printed in the server log, or run{" "}
          <code className="font-mono">npm run -s instructor:create -- --email you@example.org</code>.
        </p>
      ) : null}
      <SignInForm />
    </div>
  );
}
