import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { derivePostgresSchema } from "./postgres-schema";
import { PRISMA_LAYOUT } from "./url";

const root = path.resolve(import.meta.dirname, "../..");

describe("the PostgreSQL schema", () => {
  it("is the SQLite schema with only the provider and output changed (run npm run db:schema after editing)", () => {
    const source = readFileSync(path.join(root, PRISMA_LAYOUT.sqlite.schema), "utf8");
    const derived = readFileSync(path.join(root, PRISMA_LAYOUT.postgresql.schema), "utf8");
    expect(derived).toBe(derivePostgresSchema(source));
  });
});
