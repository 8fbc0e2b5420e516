/**
 * Makes the database usable: generates the Prisma clients when missing or stale and applies pending
 * migrations to DATABASE_URL's database (the SQLite file is created on first start).
 */
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import path from "node:path";

/** Regenerates the clients if the schema is newer than them, then applies migrations. Returns false on failure. */
export function prepareDatabase(root: string, log: (line: string) => void = console.log): boolean {
  const tsx = path.join(root, "node_modules", "tsx", "dist", "cli.mjs");
  const generated = path.join(root, "lib", "db", "generated", "sqlite", "client.ts");
  const schema = path.join(root, "prisma", "schema.prisma");
  if (!existsSync(generated) || statSync(schema).mtimeMs > statSync(generated).mtimeMs) {
    log("policy-lab: generating the Prisma clients…");
    const gen = spawnSync(process.execPath, [tsx, path.join(root, "scripts", "db-generate.ts")], {
      cwd: root,
      stdio: "inherit",
    });
    if (gen.status !== 0) return false;
  }
  const migrate = spawnSync(process.execPath, [tsx, path.join(root, "scripts", "db-migrate.ts"), "deploy"], {
    cwd: root,
    stdio: "inherit",
  });
  return migrate.status === 0;
}
