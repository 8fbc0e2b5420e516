/**
 * The content index: tracks, lessons and challenges read from content/, validated with zod. A broken file
 * fails loudly naming the file and field (at build time, through the pages and `npm run content:check`).
 * Server-only in spirit, but free of Next imports so scripts and tests can use it.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { splitFrontmatter } from "./frontmatter";
import {
  challengeFrontmatterSchema,
  describeIssues,
  lessonFrontmatterSchema,
  tracksSchema,
  type ChallengeFrontmatter,
  type LessonFrontmatter,
  type Track,
} from "./schemas";

export type LessonMeta = LessonFrontmatter & { readonly slug: string; readonly dir: string };
export type ChallengeMeta = ChallengeFrontmatter & { readonly slug: string; readonly dir: string };
export type Catalog = {
  readonly tracks: readonly Track[];
  readonly lessons: readonly LessonMeta[];
  readonly challenges: readonly ChallengeMeta[];
};

/** Thrown when content is invalid; the message lists every problem as `file: field: message`. */
export class ContentError extends Error {
  override readonly name = "ContentError";
}

const FOLDER = /^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)$/;

/** The content folder: `content/` in the project, or POLICY_LAB_CONTENT_DIR (test fixtures). */
export function contentRoot(): string {
  return path.resolve(
    /*turbopackIgnore: true*/ process.env.POLICY_LAB_CONTENT_DIR ?? path.join(process.cwd(), "content"),
  );
}

function readTracks(root: string, problems: string[]): Track[] {
  const file = path.join(root, "tracks.yaml");
  if (!existsSync(file)) return [];
  const parsed = tracksSchema.safeParse(parseYaml(readFileSync(file, "utf8")));
  if (!parsed.success) {
    problems.push(describeIssues(path.relative(process.cwd(), file), parsed.error));
    return [];
  }
  return parsed.data;
}

type Entry<T> = T & { slug: string; dir: string };

function readEntries<T extends { order: number; track: string; scenario: string }>(
  root: string,
  kind: "lessons" | "challenges",
  schema: { safeParse(data: unknown): { success: true; data: T } | { success: false; error: import("zod").ZodError } },
  problems: string[],
): Entry<T>[] {
  const base = path.join(root, kind);
  if (!existsSync(base)) return [];
  const entries: Entry<T>[] = [];
  for (const folder of readdirSync(base, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()) {
    const dir = path.join(base, folder);
    const file = path.relative(process.cwd(), path.join(dir, "index.mdx"));
    const match = FOLDER.exec(folder);
    if (!match) {
      problems.push(`${path.relative(process.cwd(), dir)}: folder name must be NN-slug (two digits, kebab-case)`);
      continue;
    }
    if (!existsSync(path.join(dir, "index.mdx"))) {
      problems.push(`${file}: missing`);
      continue;
    }
    let data: unknown;
    try {
      data = splitFrontmatter(readFileSync(path.join(dir, "index.mdx"), "utf8")).data;
    } catch (error) {
      problems.push(`${file}: frontmatter: ${(error as Error).message}`);
      continue;
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      problems.push(describeIssues(file, parsed.error));
      continue;
    }
    if (parsed.data.order !== Number(match[1])) {
      problems.push(`${file}: order: ${parsed.data.order} does not match the folder number ${match[1]}`);
    }
    if (!existsSync(path.join(root, "scenarios", `${parsed.data.scenario}.yaml`))) {
      problems.push(`${file}: scenario: no content/scenarios/${parsed.data.scenario}.yaml`);
    }
    entries.push({ ...parsed.data, slug: match[2] ?? folder, dir });
  }
  return entries.sort((a, b) => a.order - b.order);
}

function checkReferences(catalog: Catalog, problems: string[]): void {
  const trackIds = new Set(catalog.tracks.map((t) => t.id));
  for (const item of [...catalog.lessons, ...catalog.challenges]) {
    if (!trackIds.has(item.track)) {
      problems.push(
        `${path.relative(process.cwd(), path.join(item.dir, "index.mdx"))}: track: unknown track "${item.track}" (content/tracks.yaml)`,
      );
    }
  }
  for (const items of [catalog.lessons, catalog.challenges]) {
    const seen = new Map<string, string>();
    for (const item of items) {
      const other = seen.get(item.slug);
      if (other) problems.push(`${item.dir}: slug "${item.slug}" is also used by ${other}`);
      seen.set(item.slug, item.dir);
    }
  }
}

/** Reads and validates the whole content folder. Throws ContentError listing every problem. */
export function readCatalog(root: string = contentRoot()): Catalog {
  const problems: string[] = [];
  const tracks = readTracks(root, problems);
  const lessons = readEntries(root, "lessons", lessonFrontmatterSchema, problems);
  const challenges = readEntries(root, "challenges", challengeFrontmatterSchema, problems);
  const catalog: Catalog = { tracks, lessons, challenges };
  checkReferences(catalog, problems);
  if (problems.length > 0) throw new ContentError(`invalid content:\n${problems.join("\n")}`);
  return catalog;
}

let cached: { root: string; catalog: Catalog } | undefined;

/** The catalogue, read once per process (content is part of the build; `next dev` restarts pick up edits). */
export function catalog(): Catalog {
  const root = contentRoot();
  if (process.env.NODE_ENV === "development" || cached?.root !== root) {
    cached = { root, catalog: readCatalog(root) };
  }
  return cached.catalog;
}
