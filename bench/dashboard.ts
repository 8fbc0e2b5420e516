/**
 * Dashboard poll benchmark (issue 14): what one poll of a long workshop's dashboard costs the server, on
 * SQLite and on PostgreSQL (TEST_DATABASE_URL). 300 learners with 50 attempts each (a two-hour workshop),
 * one new attempt between polls. Measured: the poll as the server makes it (attempts read incrementally,
 * lib/workshops/dashboard-data.ts) against the baseline of the same run, every attempt read again on every
 * poll (what each poll did before, and still does once a minute); and the dashboard's computation from the
 * rows, with each learner's history kept between polls against computing it from scratch. Medians of 30 polls, printed as ratios, never asserted. BENCH_DASHBOARD_LEARNERS / _ATTEMPTS change the size.
 *
 * The measurement runs in a child process under the react-server condition, as the app's server code does.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");

export default async function bench(): Promise<void> {
  const run = spawnSync(
    process.execPath,
    [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "bench/dashboard-poll.ts"],
    { cwd: ROOT, stdio: "inherit", env: process.env },
  );
  if (run.status !== 0) process.exitCode = 1;
}
