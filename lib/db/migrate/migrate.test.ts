/**
 * The offline migration path against both real databases: the wasm schema engine must apply the committed
 * migrations to an empty database, create new ones (`dev`), report status and reset — so a Prisma upgrade
 * that changes any of these behaviours is caught here.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScratchDatabase, TEST_DATABASE_URL } from "../../testing/postgres";
import { PRISMA_LAYOUT, resolveDatabaseTarget, type DatabaseTarget } from "../url";
import { deploy, dev, reset, status, type MigrateContext } from "./commands";

const ROOT = path.resolve(import.meta.dirname, "../../..");

/** A scratch project root holding a copy of our schemas and migrations, so `dev` can write freely. */
function scratchRoot(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "policy-lab-migrate-"));
  cpSync(path.join(ROOT, "prisma"), path.join(dir, "prisma"), { recursive: true });
  return dir;
}

function addColumn(root: string, provider: DatabaseTarget["provider"]): void {
  const file = path.join(root, PRISMA_LAYOUT[provider].schema);
  const schema = readFileSync(file, "utf8").replace(
    "  displayName String?\n",
    "  displayName String?\n  nickname    String?\n",
  );
  writeFileSync(file, schema);
}

type Fixture = { name: string; setup: () => Promise<{ target: DatabaseTarget; cleanup: () => Promise<void> }> };

const fixtures: Fixture[] = [
  {
    name: "SQLite",
    setup: async () => {
      const dir = mkdtempSync(path.join(tmpdir(), "policy-lab-db-"));
      return {
        target: resolveDatabaseTarget(`file:${path.join(dir, "lab.db")}`, dir),
        cleanup: async () => rmSync(dir, { recursive: true, force: true }),
      };
    },
  },
  {
    name: "PostgreSQL",
    setup: async () => {
      const scratch = await createScratchDatabase("policylab_migrate");
      return { target: resolveDatabaseTarget(scratch.url, ROOT), cleanup: scratch.drop };
    },
  },
];

for (const fixture of fixtures) {
  const skip = fixture.name === "PostgreSQL" && !TEST_DATABASE_URL;
  describe.skipIf(skip)(`migrations on ${fixture.name}`, () => {
    let target: DatabaseTarget;
    let cleanup: () => Promise<void>;
    let root: string;
    let ctx: MigrateContext;

    beforeAll(async () => {
      ({ target, cleanup } = await fixture.setup());
      root = scratchRoot();
      ctx = { root, target };
    });
    afterAll(async () => {
      await cleanup();
      rmSync(root, { recursive: true, force: true });
    });

    it("reports every committed migration as pending on an empty database", async () => {
      const committed = readdirSync(path.join(ROOT, PRISMA_LAYOUT[target.provider].migrations), { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
        .sort();
      expect(committed.length).toBeGreaterThan(0);
      expect(await status(ctx)).toEqual({ state: "pending", pending: committed });
    });

    it("applies the committed migrations from prisma/migrations, then has nothing left to apply", async () => {
      const applied = await deploy(ctx);
      expect(applied.length).toBeGreaterThan(0);
      expect(await deploy(ctx)).toEqual([]);
      expect((await status(ctx)).state).toBe("up-to-date");
    });

    it("creates and applies a migration for a schema change, in Prisma's folder format", async () => {
      expect(await dev(ctx, "noop")).toEqual({ kind: "no-changes" });
      addColumn(root, target.provider);
      const result = await dev(ctx, "add_nickname");
      expect(result.kind).toBe("created");
      if (result.kind !== "created") return;
      expect(result.name).toMatch(/^\d{14}_add_nickname$/);
      const sql = readFileSync(path.join(result.dir, "migration.sql"), "utf8");
      expect(sql).toMatch(/ALTER TABLE "Learner" ADD COLUMN\s+"nickname" TEXT/);
      const lock = readFileSync(
        path.join(root, PRISMA_LAYOUT[target.provider].migrations, "migration_lock.toml"),
        "utf8",
      );
      expect(lock).toContain(`provider = "${target.provider}"`);
      expect((await status(ctx)).state).toBe("up-to-date");
    });

    it("resets the database so that everything is pending again", async () => {
      await reset(ctx);
      const s = await status(ctx);
      expect(s.state).toBe("pending");
    });
  });
}
