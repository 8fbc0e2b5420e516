/** The measurement of bench/dashboard.ts (run under the react-server condition). */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadChallenge } from "../lib/content/challenges";
import { createDb, type Db } from "../lib/db/client";
import { deploy } from "../lib/db/migrate/commands";
import { resolveDatabaseTarget } from "../lib/db/url";
import { gradeAttempt } from "../lib/jobs/grade";
import { createScratchDatabase, TEST_DATABASE_URL } from "../lib/testing/postgres";
import { buildDashboard, forgetHistories } from "../lib/workshops/dashboard";
import { FULL_RELOAD_MS, loadDashboardInput } from "../lib/workshops/dashboard-data";
import { createInstructor } from "../lib/workshops/instructors";
import { createWorkshop } from "../lib/workshops/workshops";

const ROOT = path.resolve(import.meta.dirname, "..");
const LEARNERS = Number(process.env.BENCH_DASHBOARD_LEARNERS ?? 300);
const ATTEMPTS = Number(process.env.BENCH_DASHBOARD_ATTEMPTS ?? 50);
const POLLS = 30;
const SLUG = "landing-protocol";
const MANIFEST = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: landing
spec:
  endpointSelector:
    matchLabels:
      class: deathstar
  ingress:
  - fromEndpoints:
    - matchLabels:
        org: empire
`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number;

async function measure(name: string, db: Db): Promise<void> {
  const loaded = loadChallenge(SLUG);
  if (!loaded) throw new Error(`no challenge ${SLUG}`);
  const graded = gradeAttempt(loaded, { kind: "manifests", text: MANIFEST, source: "bench.yaml" });
  const owner = await createInstructor(db, "bench@example.org", "a long bench password");
  if (!owner.ok) throw new Error(owner.message);
  const w = await createWorkshop(db, owner.instructor.id, {
    title: "Bench",
    items: [{ kind: "challenge", slug: SLUG }],
    startsAt: null,
    endsAt: null,
  });
  const ids = Array.from({ length: LEARNERS }, () => randomUUID());
  await db.learner.createMany({ data: ids.map((id) => ({ id })) });
  await db.workshopParticipant.createMany({
    data: ids.map((learnerId, i) => ({ workshopId: w.id, learnerId, displayName: `Learner ${i + 1}` })),
  });
  const start = Date.now() - 2 * 3600_000;
  const attempt = (learnerId: string, at: number) => ({
    id: randomUUID(),
    learnerId,
    challengeSlug: SLUG,
    submission: { manifests: MANIFEST, commands: [] },
    result: graded.result as unknown as object,
    hiddenFlows: graded.hiddenFlows as unknown as object,
    score: graded.result.score,
    passed: false,
    createdAt: new Date(at),
  });
  const rows = ids.flatMap((id) =>
    Array.from({ length: ATTEMPTS }, (_, k) => attempt(id, start + ((k + Math.random()) * 2 * 3600_000) / ATTEMPTS)),
  );
  for (let i = 0; i < rows.length; i += 1000) await db.challengeAttempt.createMany({ data: rows.slice(i, i + 1000) });

  // One new attempt between polls; `now` one second later each time, or a full read's interval later.
  let clock = Date.now();
  const poll = async (step: number, scratch: boolean) => {
    await db.challengeAttempt.create({
      data: attempt(ids[Math.floor(Math.random() * LEARNERS)] as string, Date.now()),
    });
    clock += step;
    const t0 = performance.now();
    const input = await loadDashboardInput(db, w, undefined, clock);
    const t1 = performance.now();
    if (scratch) forgetHistories();
    const t2 = performance.now();
    buildDashboard(input, new Date(clock));
    return { read: t1 - t0, build: performance.now() - t2 };
  };
  // The baseline: every attempt read and every learner's history computed again, as each poll did before.
  const full: number[] = [];
  const fromScratch: number[] = [];
  const incremental: number[] = [];
  const builds: number[] = [];
  for (let i = 0; i < 3; i++) await poll(FULL_RELOAD_MS, true);
  for (let i = 0; i < POLLS; i++) {
    const base = await poll(FULL_RELOAD_MS, true);
    full.push(base.read);
    fromScratch.push(base.build);
    const inc = await poll(1000, false);
    incremental.push(inc.read);
    builds.push(inc.build);
  }
  const [f, n, fb, nb] = [median(full), median(incremental), median(fromScratch), median(builds)];
  console.log(
    `${name}: ${LEARNERS} learners × ${ATTEMPTS} attempts, median of ${POLLS} polls — reading the rows: every attempt (baseline) ${f.toFixed(1)} ms, incrementally ${n.toFixed(1)} ms` +
      ` (${(f / n).toFixed(1)}× faster); computing the dashboard: from scratch (baseline) ${fb.toFixed(1)} ms, with the learners' kept histories ${nb.toFixed(1)} ms (${(fb / nb).toFixed(1)}× faster)`,
  );
}

async function main(): Promise<void> {
  console.log(
    `machine: ${os.availableParallelism()} CPUs, load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")} (other work on the machine skews the numbers)`,
  );
  const dir = mkdtempSync(path.join(os.tmpdir(), "policy-lab-bench-dashboard-"));
  try {
    const target = resolveDatabaseTarget(`file:${path.join(dir, "bench.db")}`, dir);
    await deploy({ root: ROOT, target });
    const db = createDb(target);
    try {
      await measure("SQLite", db);
    } finally {
      await db.$disconnect();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (!TEST_DATABASE_URL) {
    console.log("PostgreSQL: TEST_DATABASE_URL is not set: skipped");
    return;
  }
  const scratch = await createScratchDatabase("policylab_bench_dashboard");
  try {
    const target = resolveDatabaseTarget(scratch.url, ROOT);
    await deploy({ root: ROOT, target });
    const db = createDb(target);
    try {
      await measure("PostgreSQL", db);
    } finally {
      await db.$disconnect();
    }
  } finally {
    await scratch.drop();
  }
}

await main();
