/**
 * `npm run db:generate` — the Prisma clients for both providers (SQLite default, PostgreSQL for workshops).
 * Prisma's CLI is pointed at a stub schema engine that fails loudly: generation needs no engine, and nothing
 * may be downloaded (see scripts/prisma-engine-stub.sh).
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { PRISMA_LAYOUT } from "../lib/db/url";

const root = path.resolve(import.meta.dirname, "..");
const prisma = path.join(root, "node_modules", "prisma", "build", "index.js");
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: path.join(root, "scripts", "prisma-engine-stub.sh"),
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  CHECKPOINT_DISABLE: "1",
};

for (const provider of ["sqlite", "postgresql"] as const) {
  const schema = PRISMA_LAYOUT[provider].schema;
  const run = spawnSync(process.execPath, [prisma, "generate", "--schema", schema], {
    cwd: root,
    env,
    encoding: "utf8",
  });
  if (run.status !== 0) {
    process.stderr.write(run.stdout + run.stderr);
    process.exit(run.status ?? 1);
  }
  console.log(`generated the ${provider} client from ${schema}`);
}
