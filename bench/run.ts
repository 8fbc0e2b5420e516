/**
 * `npm run bench [-- part ...]`: runs the benchmark parts in order and prints their reports.
 * Each part is a module `bench/<part>.ts` whose default export is an async function printing its own
 * report; targets are printed as ratios against a baseline measured in the same run, never asserted.
 */
import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";

const PARTS = ["engine", "shell", "replay", "grading", "page", "workshop", "dashboard", "insight"] as const;

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((p) => !(PARTS as readonly string[]).includes(p));
  if (unknown.length > 0) {
    console.error(`unknown bench part(s): ${unknown.join(", ")} (known: ${PARTS.join(", ")})`);
    process.exit(2);
  }
  const parts = wanted.length > 0 ? wanted : [...PARTS];
  for (const part of parts) {
    const file = fileURLToPath(new URL(`./${part}.ts`, import.meta.url));
    if (!existsSync(file)) {
      console.error(`bench part "${part}" is missing (${file})`);
      process.exitCode = 1;
      continue;
    }
    console.log(`\n## ${part}\n`);
    const mod = (await import(pathToFileURL(file).href)) as { default: () => Promise<void> };
    await mod.default();
  }
}

await main();
