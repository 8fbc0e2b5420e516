/**
 * Page benchmark (issue 5), on a production build in Debian's Chromium:
 *  - JavaScript shipped for a lesson page, gzip-compressed (target < 300 KB), against the home page's as the
 *    baseline of the same run;
 *  - time from navigation to the first `kubectl get pods` output in the lab (target < 1 s), against the time
 *    to the home page's `load` event in the same browser as the baseline.
 * Numbers are printed, never asserted.
 */
import { rmSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium, type Browser } from "playwright-core";
import { startServer } from "./grading";

const ROOT = path.resolve(import.meta.dirname, "..");
const LESSON = "/lessons/l3-l4-policies";
const RUNS = 7;

/**
 * Gzip size of every script the page itself loads. Link prefetching (the router fetching other pages'
 * code for links in view) is blocked: it is not this page's cost.
 */
async function scriptBytes(browser: Browser, url: string): Promise<{ files: number; raw: number; gzip: number }> {
  const page = await browser.newPage();
  await page.route("**/*", (route) => (route.request().headers()["next-router-prefetch"] ? route.abort() : route.continue()));
  const bodies: Promise<Buffer>[] = [];
  page.on("response", (response) => {
    if (response.request().resourceType() === "script") bodies.push(response.body());
  });
  await page.goto(url, { waitUntil: "networkidle" });
  const all = await Promise.all(bodies);
  await page.close();
  return { files: all.length, raw: all.reduce((n, b) => n + b.length, 0), gzip: all.reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0) };
}

/** ms from navigation start to the first `kubectl get pods` output, each run in a fresh browser context. */
async function timeToFirstOutput(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url, { waitUntil: "commit" });
  // Watch the terminal on every frame (Playwright's locator polling backs off to 500 ms, too coarse here).
  const terminalShows = (text: string) =>
    page.waitForFunction((t) => document.querySelector('[data-testid="terminal"]')?.textContent?.includes(t) ?? false, text, { polling: "raf" });
  await terminalShows("root@server:~#");
  await page.getByTestId("terminal").click();
  await page.keyboard.type("kubectl get pods\n");
  await terminalShows("deathstar-86f85ffb4d-7d86t");
  const ms = await page.evaluate(() => performance.now());
  await context.close();
  return ms;
}

async function timeToLoad(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url, { waitUntil: "load" });
  const ms = await page.evaluate(() => performance.getEntriesByType("navigation")[0]?.duration ?? performance.now());
  await context.close();
  return ms;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

export default async function pageBench(): Promise<void> {
  const file = path.join(ROOT, "data", "bench-page.db");
  for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
  // The same production server the grading bench measures (scripts/serve.ts, one process).
  const server = await startServer(`file:${file}`, { WEB_CONCURRENCY: "1" });
  const base = server.base;
  const browser = await chromium.launch({
    executablePath: process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
  try {
    const lesson = await scriptBytes(browser, base + LESSON);
    const home = await scriptBytes(browser, base + "/");
    console.log(`lesson page JS: ${lesson.files} scripts, ${kb(lesson.raw)} raw, ${kb(lesson.gzip)} gzip (target < 300 KB)`);
    console.log(`home page JS (baseline): ${home.files} scripts, ${kb(home.raw)} raw, ${kb(home.gzip)} gzip`);
    console.log(`ratio lesson/home gzip: ${(lesson.gzip / home.gzip).toFixed(2)}x`);

    await timeToFirstOutput(browser, base + LESSON); // warm the server's caches once
    const firstOutput: number[] = [];
    const homeLoad: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      firstOutput.push(await timeToFirstOutput(browser, base + LESSON));
      homeLoad.push(await timeToLoad(browser, base + "/"));
    }
    const a = median(firstOutput);
    const b = median(homeLoad);
    console.log(`navigation → first "kubectl get pods" output: median ${a.toFixed(0)} ms over ${RUNS} runs (target < 1000 ms); runs: ${firstOutput.map((v) => v.toFixed(0)).join(", ")}`);
    console.log(`home page load (baseline): median ${b.toFixed(0)} ms; ratio ${(a / b).toFixed(2)}x`);
  } finally {
    await browser.close();
    await server.stop();
  }
}
