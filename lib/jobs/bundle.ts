/**
 * The worker's script, built from lib/jobs/worker.ts with esbuild on first use in each process (a few
 * hundred milliseconds, off the request path: jobs queue meanwhile). Built rather than prebuilt so that
 * `next dev`, `next start`, `npm start` and the tests all run the same sources through the same steps, and
 * self-contained (every import bundled) so it runs from a temporary folder under any of them.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

let built: Promise<string> | null = null;

/** The project root (the server and the tests run from it). */
const root = () => process.cwd();

async function build(): Promise<string> {
  // esbuild is a server-external package (next.config.mjs): loaded from node_modules at run time.
  const esbuild = await import(/*turbopackIgnore: true*/ "esbuild");
  const dir = mkdtempSync(path.join(os.tmpdir(), "policy-lab-jobs-"));
  const outfile = path.join(dir, "worker.mjs");
  await esbuild.build({
    absWorkingDir: root(),
    entryPoints: [path.join(root(), "lib", "jobs", "worker.ts")],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    tsconfig: path.join(root(), "tsconfig.json"),
    // The worker is server code by construction; the marker package throws outside React's server build.
    alias: { "server-only": path.join(root(), "lib", "testing", "server-only-stub.ts") },
    // CommonJS dependencies bundled into an ES module still call require() for Node built-ins.
    banner: {
      js: 'import { createRequire as __policyLabRequire } from "node:module"; const require = __policyLabRequire(import.meta.url);',
    },
    logLevel: "silent",
  });
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  return outfile;
}

/** The path of this process's worker script, built once. */
export function workerScript(): Promise<string> {
  built ??= build().catch((error: unknown) => {
    built = null;
    throw error;
  });
  return built;
}
