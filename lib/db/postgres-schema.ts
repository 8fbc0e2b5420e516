/**
 * prisma/postgresql/schema.prisma is derived from prisma/schema.prisma: Prisma fixes the provider per schema
 * file, and we keep one source of truth for the models. `npm run db:schema` writes it; a test checks it is
 * current.
 */
export const POSTGRES_SCHEMA_HEADER =
  "// GENERATED from prisma/schema.prisma by `npm run db:schema` — do not edit; edit prisma/schema.prisma.\n";

/** Turns the SQLite schema's text into the PostgreSQL schema's text. */
export function derivePostgresSchema(sqliteSchema: string): string {
  const provider = /(datasource\s+db\s*\{[^}]*?provider\s*=\s*)"sqlite"/;
  const output = /(generator\s+client\s*\{[^}]*?output\s*=\s*)"\.\.\/lib\/db\/generated\/sqlite"/;
  if (!provider.test(sqliteSchema)) throw new Error('prisma/schema.prisma: datasource db must use provider "sqlite"');
  if (!output.test(sqliteSchema)) {
    throw new Error('prisma/schema.prisma: generator client must write to "../lib/db/generated/sqlite"');
  }
  return (
    POSTGRES_SCHEMA_HEADER +
    sqliteSchema
      .replace(provider, '$1"postgresql"')
      // One folder deeper, so one more "../".
      .replace(output, '$1"../../lib/db/generated/postgresql"')
  );
}
