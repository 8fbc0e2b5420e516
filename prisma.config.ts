/**
 * Prisma CLI configuration. The provider follows DATABASE_URL (see lib/db-url.ts): SQLite by default,
 * PostgreSQL for workshops. Each provider has its own schema file and migrations folder, because Prisma
 * fixes the provider per schema; both hold the same models (prisma/schema.prisma is the source).
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "prisma/config";
import { PRISMA_LAYOUT, resolveDatabaseTarget } from "./lib/db/url";

const root = path.dirname(fileURLToPath(import.meta.url));
const target = resolveDatabaseTarget(process.env.DATABASE_URL, root);
const layout = PRISMA_LAYOUT[target.provider];

export default defineConfig({
  schema: layout.schema,
  migrations: { path: layout.migrations },
  datasource: { url: target.url },
});
