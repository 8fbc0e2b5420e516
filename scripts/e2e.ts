/** `npm run test:e2e`: Playwright against a production build, in Debian's Chromium. */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { buildIfChanged } from "./build-if-changed";
import { prepareE2eContent } from "./e2e-content";

const browser = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE || "/usr/bin/chromium";
if (!existsSync(browser)) {
  console.error(
    `No Chromium at ${browser}: install Debian's (sudo apt-get install chromium) or set PLAYWRIGHT_CHROMIUM_EXECUTABLE to a Chromium binary.`,
  );
  process.exit(1);
}
const root = path.resolve(import.meta.dirname, "..");
// The course plus the mechanics specs' frozen fixtures (e2e/fixtures/content); the build and every server read it.
process.env.POLICY_LAB_CONTENT_DIR ??= prepareE2eContent(root);
// Build before Playwright starts its web server: on a loaded machine `next build` alone can outlast the
// server's start-up timeout. The server (scripts/e2e-server.ts) then finds the build current.
if (!buildIfChanged(root)) process.exit(1);
const cli = path.join(root, "node_modules", "@playwright", "test", "cli.js");
const run = spawnSync(process.execPath, [cli, "test", ...process.argv.slice(2)], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1" },
});
process.exit(run.status ?? 1);
