/**
 * Data-layer tests run against both real databases: an SQLite file and the PostgreSQL server behind
 * TEST_DATABASE_URL, each freshly migrated from the committed migrations.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDb, type Db } from "../db/client";
import { deploy } from "../db/migrate/commands";
import { resolveDatabaseTarget } from "../db/url";
import { createScratchDatabase, TEST_DATABASE_URL } from "./postgres";

const ROOT = path.resolve(import.meta.dirname, "../..");

export type TestDatabase = { readonly db: Db; readonly close: () => Promise<void> };

export type DatabaseKind = {
  readonly name: "SQLite" | "PostgreSQL";
  readonly available: boolean;
  open(): Promise<TestDatabase>;
};

export const DATABASES: readonly DatabaseKind[] = [
  {
    name: "SQLite",
    available: true,
    open: async () => {
      const dir = mkdtempSync(path.join(tmpdir(), "policy-lab-test-"));
      const target = resolveDatabaseTarget(`file:${path.join(dir, "test.db")}`, dir);
      await deploy({ root: ROOT, target });
      const db = createDb(target);
      return {
        db,
        close: async () => {
          await db.$disconnect();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: "PostgreSQL",
    available: Boolean(TEST_DATABASE_URL),
    open: async () => {
      const scratch = await createScratchDatabase("policylab_test");
      const target = resolveDatabaseTarget(scratch.url, ROOT);
      await deploy({ root: ROOT, target });
      const db = createDb(target);
      return {
        db,
        close: async () => {
          await db.$disconnect();
          await scratch.drop();
        },
      };
    },
  },
];
