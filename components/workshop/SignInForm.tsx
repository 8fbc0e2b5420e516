"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useHydrated } from "./use-hydrated";
import { buttonClass, callApi, inputClass } from "./api";

/** Instructor sign-in (POST /api/instructor/session), or first-run set-up with the token from the server log. */
export function SignInForm({ setup = false }: { setup?: boolean }) {
  const router = useRouter();
  const [message, setMessage] = useState("");
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body: Record<string, string> = {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
    };
    if (setup) body.token = String(form.get("token") ?? "");
    setPending(true);
    const res = await callApi(setup ? "/api/instructor/setup" : "/api/instructor/session", "POST", body);
    setPending(false);
    if (!res.ok) return setMessage(res.message);
    router.push("/instructor");
    router.refresh();
  }

  return (
    <form method="post" onSubmit={submit} className="flex max-w-sm flex-col gap-4">
      {setup ? (
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Set-up token (printed in the server log)</span>
          <input name="token" required autoComplete="off" className={`${inputClass} font-mono`} />
        </label>
      ) : null}
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">E-mail address</span>
        <input name="email" type="email" required autoComplete="username" className={inputClass} />
      </label>
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">{setup ? "Choose a password (10 characters or more)" : "Password"}</span>
        <input
          name="password"
          type="password"
          required
          autoComplete={setup ? "new-password" : "current-password"}
          className={inputClass}
        />
      </label>
      <button disabled={pending || !hydrated} className={buttonClass}>
        {pending ? "Please wait…" : setup ? "Create the instructor account" : "Sign in"}
      </button>
      <p role="alert" className="min-h-5 text-sm text-red-600 dark:text-red-400">
        {message}
      </p>
    </form>
  );
}
