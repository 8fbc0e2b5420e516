/** A workshop's items: lessons and challenges of the catalogue, in the instructor's order. */
import * as z from "zod";
import { catalog } from "@/lib/content/catalog";

export type WorkshopItem = { readonly kind: "lesson" | "challenge"; readonly slug: string };

export const itemSchema = z
  .object({ kind: z.enum(["lesson", "challenge"]), slug: z.string().min(1).max(100) })
  .strict();

/** Where an item lives in the app. */
export const itemHref = (item: WorkshopItem): string =>
  `/${item.kind === "lesson" ? "lessons" : "challenges"}/${item.slug}`;

export const itemKey = (item: WorkshopItem): string => `${item.kind}:${item.slug}`;

/** The item's title from the catalogue (the slug if the content has gone). */
export function itemTitle(item: WorkshopItem): string {
  const c = catalog();
  const found =
    item.kind === "lesson"
      ? c.lessons.find((l) => l.slug === item.slug)
      : c.challenges.find((ch) => ch.slug === item.slug);
  return found?.title ?? item.slug;
}

/** Why a list of items is refused (unknown slugs, duplicates), or null. */
export function itemsProblem(items: readonly WorkshopItem[]): string | null {
  const c = catalog();
  const seen = new Set<string>();
  for (const [i, item] of items.entries()) {
    const known =
      item.kind === "lesson"
        ? c.lessons.some((l) => l.slug === item.slug)
        : c.challenges.some((ch) => ch.slug === item.slug);
    if (!known) return `items.${i}: no ${item.kind} "${item.slug}"`;
    const key = itemKey(item);
    if (seen.has(key)) return `items.${i}: ${item.kind} "${item.slug}" is listed twice`;
    seen.add(key);
  }
  return null;
}

/** Stored items, read back defensively (the column is JSON). */
export function storedItems(json: unknown): WorkshopItem[] {
  const parsed = z.array(itemSchema).safeParse(json);
  return parsed.success ? parsed.data : [];
}
