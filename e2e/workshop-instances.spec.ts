import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import path from "node:path";
import { expect, request, test } from "@playwright/test";
import { createScratchDatabase, TEST_DATABASE_URL } from "../lib/testing/postgres";

/**
 * Two app instances on different ports against one PostgreSQL database (the several-machines set-up):
 * learners of both appear on one instance's live dashboard within the update interval, because the
 * dashboard is read from the database, not from either process's memory.
 */
const ROOT = path.resolve(import.meta.dirname, "..");
const BASE_PORT = Number(process.env.E2E_PORT ?? 3210);
const PORTS = [BASE_PORT + 1, BASE_PORT + 2];
const TSX = path.join(ROOT, "node_modules/tsx/dist/cli.mjs");

test.skip(!TEST_DATABASE_URL, "needs TEST_DATABASE_URL (a PostgreSQL server); CI always sets it");

test("learners on two instances appear on one dashboard within the live-update interval", async () => {
  test.setTimeout(180_000);
  const scratch = await createScratchDatabase("policylab_instances");
  const env = { ...process.env, DATABASE_URL: scratch.url, NEXT_TELEMETRY_DISABLED: "1" };
  const servers: ChildProcess[] = [];
  try {
    const migrate = spawnSync(process.execPath, [TSX, "scripts/db-migrate.ts", "deploy"], {
      cwd: ROOT,
      env,
      encoding: "utf8",
    });
    expect(migrate.status, migrate.stderr).toBe(0);
    const password = "a long enough password";
    const made = spawnSync(
      process.execPath,
      [
        TSX,
        "--conditions=react-server",
        "scripts/instructor-create.ts",
        "--email",
        "multi@example.org",
        "--password-stdin",
      ],
      {
        cwd: ROOT,
        env,
        input: `${password}\n`,
        encoding: "utf8",
      },
    );
    expect(made.stdout + made.stderr).toContain("created instructor multi@example.org");

    for (const port of PORTS) {
      const child = spawn(
        process.execPath,
        [path.join(ROOT, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"],
        { cwd: ROOT, env, stdio: "ignore", detached: true },
      );
      servers.push(child);
    }
    const [a, b] = PORTS.map((p) => `http://127.0.0.1:${p}`) as [string, string];
    await expect
      .poll(
        async () =>
          Promise.all(
            [a, b].map((u) =>
              fetch(`${u}/api/workshops/joined`)
                .then((r) => r.status)
                .catch(() => 0),
            ),
          ),
        { timeout: 60_000 },
      )
      .toEqual([200, 200]);

    const instructor = await request.newContext({ baseURL: a });
    expect(
      (await instructor.post("/api/instructor/session", { data: { email: "multi@example.org", password } })).status(),
    ).toBe(201);
    const { id, code } = await (
      await instructor.post("/api/workshops", {
        data: { title: "Two rooms", items: [{ kind: "challenge", slug: "quarantine" }] },
      })
    ).json();

    // The dashboard's live stream, on instance A.
    const controller = new AbortController();
    const stream = await fetch(`${a}/api/workshops/${id}/dashboard/events`, {
      headers: { cookie: (await instructor.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ") },
      signal: controller.signal,
    });
    expect(stream.headers.get("content-type")).toContain("text/event-stream");
    let latest: { learners: { displayName: string; cells: { attempts: number }[] }[] } | null = null;
    void (async () => {
      const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
      const decoder = new TextDecoder();
      let buffer = "";
      for (;;) {
        const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const event = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = event.split("\n").find((l) => l.startsWith("data: "));
          if (data) latest = JSON.parse(data.slice(6));
        }
      }
    })();
    await expect.poll(() => latest?.learners.length, { timeout: 10_000 }).toBe(0);

    // One learner on each instance joins and submits.
    for (const [i, base] of [a, b].entries()) {
      const learner = await request.newContext({ baseURL: base });
      expect((await learner.get("/")).status()).toBe(200);
      expect((await learner.post(`/api/join/${code}`, { data: { displayName: `Learner ${i + 1}` } })).status()).toBe(
        201,
      );
      expect(
        (await learner.post("/api/challenges/quarantine/attempts", { data: { manifests: "", commands: [] } })).status(),
      ).toBe(201);
    }
    // Interval 1 s; the bound leaves room for the recomputation on a busy 2-core machine.
    await expect
      .poll(() => latest?.learners.map((l) => `${l.displayName}:${l.cells[0]?.attempts}`).sort(), {
        timeout: 5_000,
        intervals: [100],
      })
      .toEqual(["Learner 1:1", "Learner 2:1"]);
    controller.abort();
  } finally {
    for (const s of servers) {
      try {
        process.kill(-(s.pid as number), "SIGTERM");
      } catch {
        // already gone
      }
    }
    await scratch.drop().catch(() => {});
  }
});
