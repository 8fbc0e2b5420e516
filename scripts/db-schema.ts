/** Writes prisma/postgresql/schema.prisma from prisma/schema.prisma (see lib/db/postgres-schema.ts). */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { derivePostgresSchema } from "../lib/db/postgres-schema";
import { PRISMA_LAYOUT } from "../lib/db/url";

const root = path.resolve(import.meta.dirname, "..");
const source = readFileSync(path.join(root, PRISMA_LAYOUT.sqlite.schema), "utf8");
const target = path.join(root, PRISMA_LAYOUT.postgresql.schema);
mkdirSync(path.dirname(target), { recursive: true });
writeFileSync(target, derivePostgresSchema(source));
console.log(`wrote ${path.relative(root, target)}`);
