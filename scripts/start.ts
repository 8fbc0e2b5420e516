/**
 * `npm start`: everything a new user needs after `npm ci`, in one command — the Prisma clients, the
 * database (an SQLite file under ./data unless DATABASE_URL says otherwise), a production build when the
 * sources changed, then the server on http://localhost:3000 (PORT to change it; WEB_CONCURRENCY=N for N
 * worker processes on a machine with N cores).
 */
import path from "node:path";
import { buildIfChanged } from "./build-if-changed";
import { prepareDatabase } from "./prepare-db";
import { serve } from "./serve";

const root = path.resolve(import.meta.dirname, "..");
process.env.NEXT_TELEMETRY_DISABLED = "1";

if (!prepareDatabase(root)) process.exit(1);
if (!buildIfChanged(root)) process.exit(1);

serve({ port: process.env.PORT ?? "3000" });
