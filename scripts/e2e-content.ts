/**
 * The content the end-to-end build serves: the course (`content/`) plus the frozen fixtures the mechanics specs
 * run on (`e2e/fixtures/content`), merged into `data/e2e-content`. The fixtures add a track of their own, a
 * lesson and a challenge, and their scenarios; nothing of the course is replaced, so the specs about the course
 * see it exactly as `npm start` serves it.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

const FOLDERS = ["lessons", "challenges", "scenarios"] as const;

/** Copies `from` into `to`, refusing to replace anything: a fixture named like a course folder is a mistake. */
function addFolder(from: string, to: string): void {
  if (!existsSync(from)) return;
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from).sort()) {
    if (/\.test\.tsx?$/.test(entry)) continue; // the course's own suites stay in content/
    const target = path.join(to, entry);
    if (existsSync(target)) throw new Error(`e2e fixture content: ${entry} already exists in the course (${to})`);
    cpSync(path.join(from, entry), target, { recursive: true });
  }
}

/** Builds the merged folder under `root/data` and returns its path (for POLICY_LAB_CONTENT_DIR). */
export function prepareE2eContent(root: string, out = path.join(root, "data", "e2e-content")): string {
  const course = path.join(root, "content");
  const fixtures = path.join(root, "e2e", "fixtures", "content");
  rmSync(out, { recursive: true, force: true });
  for (const folder of FOLDERS) {
    addFolder(path.join(course, folder), path.join(out, folder));
    addFolder(path.join(fixtures, folder), path.join(out, folder));
  }
  const tracks = [course, fixtures].map((dir) => readFileSync(path.join(dir, "tracks.yaml"), "utf8"));
  writeFileSync(path.join(out, "tracks.yaml"), tracks.map((t) => t.trimEnd() + "\n").join(""));
  return out;
}
