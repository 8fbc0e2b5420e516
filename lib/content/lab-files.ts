/** Starting files of a lesson or challenge lab: everything under its `files/` folder, as `~/relative/path`. */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const MAX_FILE_BYTES = 64 * 1024;

/** Reads `<dir>/files/**` into `{ "/root/<relative path>": content }` (the lab's home is /root). */
export function readLabFiles(dir: string): Record<string, string> {
  const base = path.join(dir, "files");
  const files: Record<string, string> = {};
  if (!existsSync(base)) return files;
  const walk = (folder: string) => {
    for (const name of readdirSync(folder).sort()) {
      const full = path.join(folder, name);
      if (statSync(full).isDirectory()) {
        walk(full);
        continue;
      }
      if (statSync(full).size > MAX_FILE_BYTES)
        throw new Error(`${full}: lab files are limited to ${MAX_FILE_BYTES} bytes`);
      files[`/root/${path.relative(base, full).split(path.sep).join("/")}`] = readFileSync(full, "utf8");
    }
  };
  walk(base);
  return files;
}

/** A scenario's YAML text (content/scenarios/NAME.yaml). */
export function readScenarioText(contentDir: string, name: string): string {
  return readFileSync(path.join(contentDir, "scenarios", `${name}.yaml`), "utf8");
}
