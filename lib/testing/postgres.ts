/**
 * Test helpers for the real PostgreSQL server. Tests read its URL from TEST_DATABASE_URL (CI sets it to the
 * server on 127.0.0.1:5432). Without it they are skipped locally, but never in CI: there a missing URL fails.
 */
import pg from "pg";

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL?.trim() || undefined;

if (process.env.CI && !TEST_DATABASE_URL) {
  throw new Error("CI is set but TEST_DATABASE_URL is not: the PostgreSQL tests must run in CI");
}

/** Creates a fresh, empty database for one test file and returns its URL and a function that drops it. */
export async function createScratchDatabase(prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!TEST_DATABASE_URL) throw new Error("TEST_DATABASE_URL is not set");
  const name = `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`.toLowerCase();
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
