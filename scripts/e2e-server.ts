/**
 * The server Playwright tests run against: a production build (rebuilt only when sources changed) over a
 * fresh SQLite database of its own, so tests never see a developer's progress.
 */
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { buildIfChanged } from "./build-if-changed";
import { prepareDatabase } from "./prepare-db";

const root = path.resolve(import.meta.dirname, "..");
const file = path.join(root, "data", "e2e.db");
for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
process.env.DATABASE_URL = `file:${file}`;
process.env.NEXT_TELEMETRY_DISABLED = "1";

if (!prepareDatabase(root)) process.exit(1);
if (!buildIfChanged(root)) process.exit(1);

const next = path.join(root, "node_modules", "next", "dist", "bin", "next");
const port = process.env.E2E_PORT ?? "3210";
const server = spawn(process.execPath, [next, "start", "-p", port, "-H", "127.0.0.1"], { cwd: root, stdio: "inherit", env: process.env });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
