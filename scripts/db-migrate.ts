/**
 * `npm run db:migrate -- <deploy|dev --name X|status|reset>` — Prisma migrations without the native schema
 * engine (lib/db/migrate). The database is DATABASE_URL's (SQLite file by default).
 */
import path from "node:path";
import { deploy, dev, reset, status, type MigrateContext } from "../lib/db/migrate/commands";
import { resolveDatabaseTarget } from "../lib/db/url";

const USAGE = "usage: db-migrate deploy | dev --name NAME | status | reset [--force]";

async function main(argv: string[]): Promise<number> {
  const root = path.resolve(import.meta.dirname, "..");
  const target = resolveDatabaseTarget(process.env.DATABASE_URL, root);
  const where =
    target.provider === "sqlite" ? path.relative(root, target.file) : target.url.replace(/\/\/[^@]*@/, "//***@");
  const ctx: MigrateContext = { root, target, log: process.env.DEBUG ? (l) => console.error(l) : undefined };
  const [command, ...rest] = argv;
  switch (command) {
    case "deploy": {
      const applied = await deploy(ctx);
      console.log(applied.length === 0 ? `${where}: no pending migrations` : `${where}: applied ${applied.join(", ")}`);
      return 0;
    }
    case "status": {
      const s = await status(ctx);
      if (s.state === "up-to-date") console.log(`${where}: up to date (${s.applied} migrations)`);
      else if (s.state === "pending") console.log(`${where}: ${s.pending.length} pending: ${s.pending.join(", ")}`);
      else console.log(`${where}: drift: ${s.detail}`);
      return s.state === "up-to-date" ? 0 : 1;
    }
    case "dev": {
      const i = rest.indexOf("--name");
      const name = i >= 0 ? rest[i + 1] : undefined;
      if (!name || !/^[a-z0-9_]+$/i.test(name)) {
        console.error(`${USAGE}\n--name takes letters, digits and _`);
        return 2;
      }
      const r = await dev(ctx, name);
      if (r.kind === "no-changes") console.log(`${where}: schema unchanged, no migration created`);
      else if (r.kind === "needs-reset") console.error(`${where}: the database must be reset first:\n${r.reason}`);
      else
        console.log(
          `${where}: created and applied ${path.relative(root, r.dir)}${r.warnings.map((w) => `\n  warning: ${w}`).join("")}`,
        );
      return r.kind === "needs-reset" ? 1 : 0;
    }
    case "reset": {
      if (!rest.includes("--force") && process.stdin.isTTY) {
        console.error(`this drops every table in ${where}; run again with --force`);
        return 1;
      }
      await reset(ctx);
      console.log(`${where}: reset`);
      return 0;
    }
    default:
      console.error(USAGE);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  // Exit explicitly: the pg pool keeps a ~10 s idle timer alive after the engine is done.
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`db-migrate: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
