/**
 * `npm start`'s server (scripts/serve.ts: a node:cluster primary and its workers) against a connection
 * flood and a dying worker. Runs a second server of its own on the same production build, with one worker,
 * so killing that worker disturbs no other spec.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { freePort } from "./own-server";
import { halfSentFlood } from "../lib/testing/flood";

const ROOT = path.resolve(import.meta.dirname, "..");
const PAGE = "/lessons/l3-l4-policies";
/** A light GET through Next's routing and a route handler (a JSON 404): the server is answering. */
const LIGHT = "/api/challenges/no-such-challenge/attempts";
const FILES = 1500;
const FLOOD = 2000;

/** How a request ended: an answer, a connection error, or nothing at all within `ms` ("hung"). */
async function outcome(url: string, ms: number): Promise<string> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(ms) });
    await res.arrayBuffer();
    return `status ${res.status}`;
  } catch (error) {
    const e = error as Error & { cause?: { code?: string } };
    return e.name === "TimeoutError" ? "hung" : `connection error ${e.cause?.code ?? e.message}`;
  }
}

test.describe("the server process under a connection flood and a dying worker", () => {
  test.describe.configure({ mode: "serial" });
  let server: ChildProcess;
  let base: string;
  /** Pids of the workers that said they were ready, in order. */
  const ready: number[] = [];

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const tsx = path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");
    // At most 1,500 open files (soft and hard), so that a flood of 2,000 connections is more than the
    // process can hold: the case that once wedged the cluster primary for good.
    server = spawn(
      "prlimit",
      [
        `--nofile=${FILES}:${FILES}`,
        process.execPath,
        tsx,
        path.join(ROOT, "scripts", "serve.ts"),
        String(port),
        "127.0.0.1",
      ],
      {
        cwd: ROOT,
        // The database the main e2e server migrated (scripts/e2e-server.ts); these tests only read pages.
        env: {
          ...process.env,
          DATABASE_URL: `file:${path.join(ROOT, "data", "e2e.db")}`,
          WEB_CONCURRENCY: "1",
          NEXT_TELEMETRY_DISABLED: "1",
        },
        stdio: ["ignore", "pipe", "inherit"],
        detached: true,
      },
    );
    server.stdout!.setEncoding("utf8").on("data", (text: string) => {
      for (const m of text.matchAll(/policy-lab: worker (\d+) ready/g)) ready.push(Number(m[1]));
    });
    await expect.poll(() => ready.length, { timeout: 60_000 }).toBeGreaterThan(0);
    // Warm: both routes answer once before anything is timed.
    expect(await outcome(base + PAGE, 30_000)).toBe("status 200");
    expect(await outcome(base + LIGHT, 30_000)).toBe("status 404");
  });

  test.afterAll(async () => {
    if (server?.pid && server.exitCode === null) {
      const exited = new Promise((r) => server.once("exit", r));
      process.kill(-server.pid, "SIGTERM");
      await exited;
    }
  });

  test("answers within a second once more half-sent requests than it has file descriptors have left", async () => {
    const flood = await halfSentFlood(Number(new URL(base).port), FLOOD, PAGE);
    // The worker holds what its limit allows (scripts/server-limits.mjs) and closes the rest at once.
    expect(flood.open).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 500));
    await flood.release();
    expect(await outcome(base + LIGHT, 1_000)).toBe("status 404");
    expect(await outcome(base + PAGE, 5_000)).toBe("status 200");
  });

  test("a worker killed while requests arrive: no request hangs, and a new worker takes over", async () => {
    const worker = ready[ready.length - 1]!;
    const count = ready.length;
    const inFlight = outcome(base + PAGE, 15_000);
    await new Promise((r) => setTimeout(r, 20));
    process.kill(worker, "SIGKILL");
    const arriving = [0, 50, 100, 200, 400].map((delay) =>
      new Promise((r) => setTimeout(r, delay)).then(() => outcome(base + PAGE, 15_000)),
    );
    // Each ends one way or the other (an answer, or a reset/refused connection the browser reports at once).
    for (const o of [await inFlight, ...(await Promise.all(arriving))]) expect(o).not.toBe("hung");
    await expect.poll(() => ready.length, { timeout: 60_000 }).toBeGreaterThan(count);
    expect(ready[ready.length - 1]).not.toBe(worker);
    await expect.poll(() => outcome(base + PAGE, 5_000), { timeout: 30_000 }).toBe("status 200");
  });
});
