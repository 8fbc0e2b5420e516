"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useHydrated } from "./use-hydrated";
import { buttonClass, callApi, inputClass, secondaryButtonClass } from "./api";

export type CatalogItem = { readonly kind: "lesson" | "challenge"; readonly slug: string; readonly title: string };

const key = (i: CatalogItem) => `${i.kind}:${i.slug}`;

/** Title, an ordered pick of lessons and challenges, optional start and end: POST /api/workshops. */
export function CreateWorkshopForm({ available }: { available: readonly CatalogItem[] }) {
  const router = useRouter();
  const [items, setItems] = useState<CatalogItem[]>([]);
  const [message, setMessage] = useState("");
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();
  const chosen = new Set(items.map(key));

  const move = (i: number, by: number) =>
    setItems((list) => {
      const next = [...list];
      const [it] = next.splice(i, 1);
      next.splice(Math.max(0, Math.min(next.length, i + by)), 0, it as CatalogItem);
      return next;
    });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const when = (name: string) => {
      const v = String(form.get(name) ?? "");
      return v ? new Date(v).toISOString() : undefined;
    };
    setPending(true);
    const res = await callApi<{ id: string }>("/api/workshops", "POST", {
      title: String(form.get("title") ?? ""),
      items: items.map(({ kind, slug }) => ({ kind, slug })),
      startsAt: when("startsAt"),
      endsAt: when("endsAt"),
    });
    setPending(false);
    if (!res.ok) return setMessage(res.message);
    router.push(`/instructor/workshops/${res.data.id}`);
  }

  return (
    <form method="post" onSubmit={submit} className="space-y-4" aria-label="New workshop">
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">Title</span>
        <input
          name="title"
          required
          maxLength={120}
          placeholder="Cilium network policies — morning session"
          className={inputClass}
        />
      </label>
      <div className="grid gap-4 md:grid-cols-2">
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">Lessons and challenges</legend>
          <ul className="max-h-72 divide-y divide-slate-200 overflow-auto rounded-lg border border-slate-200 text-sm dark:divide-slate-800 dark:border-slate-800">
            {available.map((item) => (
              <li key={key(item)} className="flex items-center gap-2 px-3 py-1.5">
                <span className="w-20 text-xs uppercase text-slate-500">{item.kind}</span>
                <span className="flex-1">{item.title}</span>
                <button
                  type="button"
                  disabled={chosen.has(key(item))}
                  onClick={() => setItems((l) => [...l, item])}
                  className={secondaryButtonClass}
                  aria-label={`Add ${item.title}`}
                >
                  Add
                </button>
              </li>
            ))}
          </ul>
        </fieldset>
        <div className="space-y-2">
          <p className="text-sm font-medium">In this order</p>
          {items.length === 0 ? <p className="text-sm text-slate-500">Add at least one item.</p> : null}
          <ol className="space-y-1 text-sm" aria-label="Workshop items">
            {items.map((item, i) => (
              <li
                key={key(item)}
                className="flex items-center gap-2 rounded-lg border border-slate-200 px-3 py-1.5 dark:border-slate-800"
              >
                <span className="w-5 text-slate-500">{i + 1}.</span>
                <span className="flex-1">{item.title}</span>
                <button
                  type="button"
                  onClick={() => move(i, -1)}
                  disabled={i === 0}
                  className={secondaryButtonClass}
                  aria-label={`Move ${item.title} up`}
                >
                  ↑
                </button>
                <button
                  type="button"
                  onClick={() => move(i, 1)}
                  disabled={i === items.length - 1}
                  className={secondaryButtonClass}
                  aria-label={`Move ${item.title} down`}
                >
                  ↓
                </button>
                <button
                  type="button"
                  onClick={() => setItems((l) => l.filter((x) => key(x) !== key(item)))}
                  className={secondaryButtonClass}
                  aria-label={`Remove ${item.title}`}
                >
                  ✕
                </button>
              </li>
            ))}
          </ol>
          <div className="flex flex-wrap gap-3 pt-2">
            <label className="flex flex-col gap-1 text-sm">
              <span className="font-medium">Starts (optional)</span>
              <input name="startsAt" type="datetime-local" className={inputClass} />
            </label>
            <label className="flex flex-col gap-1 text-sm">
              <span className="font-medium">Ends (optional)</span>
              <input name="endsAt" type="datetime-local" className={inputClass} />
            </label>
          </div>
        </div>
      </div>
      <button disabled={pending || !hydrated || items.length === 0} className={buttonClass}>
        {pending ? "Creating…" : "Create workshop"}
      </button>
      <p role="alert" className="min-h-5 text-sm text-red-600 dark:text-red-400">
        {message}
      </p>
    </form>
  );
}
