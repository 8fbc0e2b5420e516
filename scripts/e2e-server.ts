/**
 * The server Playwright tests run against: a production build (rebuilt only when sources changed) over a
 * fresh SQLite database of its own, so tests never see a developer's progress.
 */
import { rmSync } from "node:fs";
import path from "node:path";
import { buildIfChanged } from "./build-if-changed";
import { prepareE2eContent } from "./e2e-content";
import { prepareDatabase } from "./prepare-db";
import { serve } from "./serve";

const root = path.resolve(import.meta.dirname, "..");
const file = path.join(root, "data", "e2e.db");
for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
process.env.DATABASE_URL = `file:${file}`;
process.env.NEXT_TELEMETRY_DISABLED = "1";
process.env.POLICY_LAB_CONTENT_DIR ??= prepareE2eContent(root);

if (!prepareDatabase(root)) process.exit(1);
if (!buildIfChanged(root)) process.exit(1);

serve({ port: process.env.E2E_PORT ?? "3210", host: "127.0.0.1" });
