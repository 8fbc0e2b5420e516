import { defineConfig, devices } from "@playwright/test";

/**
 * End-to-end tests drive a production build in Debian's Chromium (never a downloaded browser: these machines
 * reach only the npm registry). PLAYWRIGHT_CHROMIUM_EXECUTABLE overrides the path.
 */
const executablePath = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE || "/usr/bin/chromium";
const PORT = Number(process.env.E2E_PORT ?? 3210);
const CI = Boolean(process.env.CI);
const LOAD_SPECS = /class-burst\.spec\.ts$/;

const launchOptions = {
  executablePath,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-quic",
    "--no-first-run",
    "--disable-sync",
  ],
};

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: true,
  forbidOnly: CI,
  retries: CI ? 1 : 0,
  workers: 2,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "on-first-retry",
    launchOptions,
  },
  projects: [
    {
      name: "desktop",
      use: { ...devices["Desktop Chrome"], launchOptions },
      grepInvert: /@phone/,
      testIgnore: LOAD_SPECS,
    },
    { name: "phone", use: { ...devices["Pixel 7"], launchOptions }, grep: /@phone/, testIgnore: LOAD_SPECS },
    // Specs that time the server under a burst run last and alone: another spec's browser or hostile input
    // on the same two cores would be measured with them (and they would slow that spec's server).
    { name: "load", testMatch: LOAD_SPECS, dependencies: ["desktop", "phone"] },
  ],
  webServer: {
    command: "npx tsx scripts/e2e-server.ts",
    url: `http://127.0.0.1:${PORT}/`,
    env: { E2E_PORT: String(PORT) },
    reuseExistingServer: !CI,
    timeout: 300_000,
    stdout: "pipe",
    stderr: "pipe",
  },
});
