/**
 * `npm start`: everything a new user needs after `npm ci`, in one command — the Prisma clients, the
 * database (an SQLite file under ./data unless DATABASE_URL says otherwise), a production build when the
 * sources changed, then the server on http://localhost:3000 (PORT to change it; WEB_CONCURRENCY=N for N
 * worker processes on a machine with N cores). While no instructor account exists it prints a one-time
 * set-up token for the first-run page /instructor/setup (lib/workshops/setup-token.ts).
 */
import path from "node:path";
import { createDb } from "../lib/db/client";
import { resolveDatabaseTarget } from "../lib/db/url";
import { printSetupToken } from "../lib/workshops/setup-token";
import { buildIfChanged } from "./build-if-changed";
import { prepareDatabase } from "./prepare-db";
import { serve } from "./serve";

const root = path.resolve(import.meta.dirname, "..");
process.env.NEXT_TELEMETRY_DISABLED = "1";

if (!prepareDatabase(root)) process.exit(1);
if (!buildIfChanged(root)) process.exit(1);

// After the build's output, so the line is not scrolled away before the server is up.
const setupDb = createDb(resolveDatabaseTarget(process.env.DATABASE_URL, root));
try {
  await printSetupToken(setupDb, new Date());
} catch (error) {
  console.error(`policy-lab: could not issue a set-up token: ${(error as Error).message}`);
} finally {
  await setupDb.$disconnect();
}

serve({ port: process.env.PORT ?? "3000" });
