"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useHydrated } from "./use-hydrated";
import { buttonClass, callApi, inputClass, secondaryButtonClass } from "./api";

type State = "open" | "closed" | "archived";

/** Close / reopen / archive, announcements to the class, and (for the owner) inviting a co-host. */
export function WorkshopControls({ id, state, isOwner }: { id: string; state: State; isOwner: boolean }) {
  const router = useRouter();
  const [message, setMessage] = useState("");
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();

  async function run(label: string, url: string, method: string, body: unknown, form?: HTMLFormElement) {
    setPending(true);
    const res = await callApi(url, method, body);
    setPending(false);
    setMessage(res.ok ? label : res.message);
    if (res.ok) {
      form?.reset();
      router.refresh();
    }
  }

  const setState = (next: State, label: string) => run(label, `/api/workshops/${id}`, "PATCH", { state: next });

  const announce = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    void run(
      "Announcement sent.",
      `/api/workshops/${id}/announcements`,
      "POST",
      { text: String(new FormData(form).get("text") ?? "") },
      form,
    );
  };
  const invite = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    void run(
      "Co-host added.",
      `/api/workshops/${id}/hosts`,
      "POST",
      { email: String(new FormData(form).get("email") ?? "") },
      form,
    );
  };

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap gap-2">
        {state === "open" ? (
          <button
            disabled={pending}
            className={secondaryButtonClass}
            onClick={() => setState("closed", "Closed: no new participants.")}
          >
            Close to new joins
          </button>
        ) : (
          <button disabled={pending} className={secondaryButtonClass} onClick={() => setState("open", "Reopened.")}>
            Reopen
          </button>
        )}
        {state !== "archived" ? (
          <button disabled={pending} className={secondaryButtonClass} onClick={() => setState("archived", "Archived.")}>
            Archive
          </button>
        ) : null}
      </div>
      <form method="post" onSubmit={announce} className="flex flex-wrap items-end gap-2" aria-label="Announcement">
        <label className="flex flex-1 flex-col gap-1 text-sm">
          <span className="font-medium">Announcement to everyone</span>
          <input name="text" required maxLength={500} placeholder="We restart at 14:00" className={inputClass} />
        </label>
        <button disabled={pending || !hydrated || state === "archived"} className={buttonClass}>
          Send
        </button>
      </form>
      {isOwner ? (
        <form method="post" onSubmit={invite} className="flex flex-wrap items-end gap-2" aria-label="Invite a co-host">
          <label className="flex flex-1 flex-col gap-1 text-sm">
            <span className="font-medium">Invite a co-host (an instructor&apos;s e-mail address)</span>
            <input name="email" type="email" required className={inputClass} />
          </label>
          <button disabled={pending || !hydrated} className={secondaryButtonClass}>
            Invite
          </button>
        </form>
      ) : null}
      <p role="status" className="min-h-5 text-sm text-slate-600 dark:text-slate-400">
        {message}
      </p>
    </div>
  );
}
