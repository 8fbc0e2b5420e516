/**
 * Builds the production app only when its inputs changed since the last build: `npm start` after a
 * `git pull` rebuilds, a second `npm start` starts at once. The fingerprint covers every source, content
 * and config file plus package.json (its `imports` map picks browser or server code) and the lockfile.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const INPUTS = [
  "app",
  "components",
  "lib",
  "content",
  "prisma",
  "proxy.ts",
  "next.config.mjs",
  "postcss.config.mjs",
  "tsconfig.json",
  "package.json",
  "package-lock.json",
];
const SKIP = new Set(["node_modules", ".next", "generated", "__golden__"]);

function* files(entry: string): Generator<string> {
  if (!existsSync(entry)) return;
  const stat = statSync(entry);
  if (stat.isFile()) {
    if (!/\.test\.tsx?$/.test(entry)) yield entry;
    return;
  }
  for (const child of readdirSync(entry).sort()) {
    if (!SKIP.has(child)) yield* files(path.join(entry, child));
  }
}

/** A hash of every build input under `root`. */
export function fingerprint(root: string): string {
  const hash = createHash("sha256");
  for (const input of INPUTS) {
    for (const file of files(path.join(root, input))) {
      hash.update(path.relative(root, file)).update("\0").update(readFileSync(file)).update("\0");
    }
  }
  // Pages are prerendered from the content folder, so a build over other content (the e2e fixtures) is another build.
  const content = process.env.POLICY_LAB_CONTENT_DIR;
  if (content) {
    const dir = path.resolve(content);
    hash.update(`POLICY_LAB_CONTENT_DIR=${dir}\0`);
    for (const file of files(dir))
      hash.update(path.relative(dir, file)).update("\0").update(readFileSync(file)).update("\0");
  }
  return hash.digest("hex");
}

/** Runs `next build` when the fingerprint differs from the last successful build's. Returns false on failure. */
export function buildIfChanged(root: string, log: (line: string) => void = console.log): boolean {
  const stamp = path.join(root, ".next", "policy-lab-build.sha256");
  const current = fingerprint(root);
  if (
    existsSync(path.join(root, ".next", "BUILD_ID")) &&
    existsSync(stamp) &&
    readFileSync(stamp, "utf8") === current
  ) {
    log("policy-lab: the production build is up to date");
    return true;
  }
  log("policy-lab: building the production app (sources changed since the last build)…");
  const next = path.join(root, "node_modules", "next", "dist", "bin", "next");
  const run = spawnSync(process.execPath, [next, "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (run.status !== 0) return false;
  writeFileSync(stamp, current);
  return true;
}
