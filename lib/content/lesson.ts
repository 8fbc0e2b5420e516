/** Everything a lesson page needs, read from content/ on the server. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { catalog, type LessonMeta } from "./catalog";
import { splitFrontmatter } from "./frontmatter";
import { readLabFiles } from "./lab-files";

export type LessonNeighbour = { readonly slug: string; readonly title: string };

export type LessonContent = {
  readonly meta: LessonMeta;
  /** The MDX body without its frontmatter. */
  readonly body: string;
  readonly file: string;
  readonly files: Readonly<Record<string, string>>;
  readonly previous: LessonNeighbour | null;
  readonly next: LessonNeighbour | null;
  readonly trackTitle: string;
};

/** The lesson with this slug, or null when there is none. */
export function loadLesson(slug: string): LessonContent | null {
  const { lessons, tracks } = catalog();
  const index = lessons.findIndex((l) => l.slug === slug);
  const meta = lessons[index];
  if (!meta) return null;
  const file = path.join(meta.dir, "index.mdx");
  const neighbour = (l: LessonMeta | undefined): LessonNeighbour | null =>
    l ? { slug: l.slug, title: l.title } : null;
  return {
    meta,
    body: splitFrontmatter(readFileSync(file, "utf8")).body,
    file,
    files: readLabFiles(meta.dir),
    previous: neighbour(lessons[index - 1]),
    next: neighbour(lessons[index + 1]),
    trackTitle: tracks.find((t) => t.id === meta.track)?.title ?? meta.track,
  };
}

/** How many <Quiz> questions the lesson's page asks (the progress page counts the ones answered). */
export function quizCount(meta: LessonMeta): number {
  return (readFileSync(path.join(meta.dir, "index.mdx"), "utf8").match(/^<Quiz\b/gm) ?? []).length;
}
