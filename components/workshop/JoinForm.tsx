"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useHydrated } from "./use-hydrated";
import { buttonClass, callApi, inputClass } from "./api";

/** Joins the workshop under a display name (POST /api/join/CODE), then opens its first item. */
export function JoinForm({ code }: { code: string }) {
  const router = useRouter();
  const [message, setMessage] = useState("");
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    const res = await callApi<{ next: string | null }>(`/api/join/${encodeURIComponent(code)}`, "POST", {
      displayName: String(new FormData(event.currentTarget).get("displayName") ?? ""),
    });
    setPending(false);
    if (!res.ok) return setMessage(res.message);
    router.push(res.data.next ?? "/");
  }

  return (
    <form method="post" onSubmit={submit} className="flex max-w-sm flex-col gap-4">
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">Your name, as the instructor will see it</span>
        <input name="displayName" required maxLength={40} autoComplete="nickname" className={inputClass} />
      </label>
      <button disabled={pending || !hydrated} className={buttonClass}>
        {pending ? "Joining…" : "Join the workshop"}
      </button>
      <p role="alert" className="min-h-5 text-sm text-red-600 dark:text-red-400">
        {message}
      </p>
    </form>
  );
}
