import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { workerScript } from "./bundle";
import { defaultWorkers, outcomeError, poolOptionsFromEnv } from "./index";
import { WorkerPool } from "./pool";
import { gradeJob, lessonObjectivesJob, type Job } from "./tasks";

const rule1 = readFileSync(path.join(process.cwd(), "content/lessons/03-l3-l4-policies/files/rule1.yaml"), "utf8");
const apply = (text: string) => ({ op: "apply" as const, source: "rule1.yaml", text });

let pool: WorkerPool | null = null;
afterAll(async () => pool?.close());

describe("jobs in the built worker", () => {
  it("grade and replay exactly as in-process: one implementation, run off the request thread", async () => {
    pool = new WorkerPool(poolOptionsFromEnv(await workerScript(), {}));
    const grade: Job = {
      kind: "grade",
      slug: "imperial-airspace",
      submission: { kind: "manifests", text: rule1, source: "manifests.yaml" },
    };
    const lesson: Job = { kind: "lesson-objectives", slug: "l3-l4-policies", journal: [apply(rule1)], history: [] };
    expect(await pool.run(grade)).toEqual({ kind: "done", value: gradeJob("imperial-airspace", grade.submission) });
    const inWorker = await pool.run(lesson);
    expect(inWorker).toEqual({ kind: "done", value: lessonObjectivesJob("l3-l4-policies", lesson.journal, []) });
    expect(inWorker).toMatchObject({ value: { objectivesMet: ["empire-only"], allMet: false } });
  }, 60_000);

  it("replays a lab of 2,000 policy applies within the default job budget (issue 10: it was quadratic)", async () => {
    // The real budgets (POLICY_LAB_JOB_TIMEOUT_MS unset: 5 s). Each apply is a distinct small policy, so each
    // one changes the cluster's policies: before replay derived each snapshot from what changed, it re-sorted,
    // re-derived and compiled everything per apply, ~14 s here, and the worker was stopped (a 422).
    pool ??= new WorkerPool(poolOptionsFromEnv(await workerScript(), {}));
    const journal = Array.from({ length: 2000 }, (_, i) =>
      apply(
        `{apiVersion: cilium.io/v2, kind: CiliumNetworkPolicy, metadata: {name: rule-${i}}, spec: {endpointSelector: {matchLabels: {class: deathstar}}, ingress: [{toPorts: [{ports: [{port: "${1000 + i}"}]}]}]}}\n`,
      ),
    );
    const outcome = await pool.run({ kind: "lesson-objectives", slug: "l3-l4-policies", journal, history: [] });
    expect(outcome).toMatchObject({ kind: "done", value: { allMet: false } });
  }, 60_000);

  it("answers an unknown slug as a failed job", async () => {
    pool ??= new WorkerPool(poolOptionsFromEnv(await workerScript(), {}));
    expect(
      await pool.run({ kind: "grade", slug: "nope", submission: { kind: "manifests", text: "", source: "x" } }),
    ).toEqual({ kind: "failed", message: 'no challenge "nope"' });
  }, 60_000);
});

describe("how many worker threads", () => {
  it.each([
    [{}, 2, 2],
    [{}, 1, 1],
    [{}, 8, 2],
    [{ WEB_CONCURRENCY: "2" }, 2, 1],
    [{ WEB_CONCURRENCY: "2" }, 4, 2],
    [{ WEB_CONCURRENCY: "4" }, 2, 1],
    [{ WEB_CONCURRENCY: "nonsense" }, 2, 2],
  ])("%o on %i cores: %i per process", (env, cores, expected) => {
    expect(defaultWorkers(env, cores)).toBe(expected);
  });

  it("POLICY_LAB_JOB_WORKERS overrides the default", () => {
    expect(poolOptionsFromEnv("w.mjs", { POLICY_LAB_JOB_WORKERS: "3", WEB_CONCURRENCY: "2" }).size).toBe(3);
  });
});

describe("what the learner is told", () => {
  it("over budget is 422 and keeps the save; a full queue is 503 with Retry-After", () => {
    expect(outcomeError("the lab", { kind: "timeout", ms: 5000 })).toMatchObject({
      status: 422,
      message: expect.stringMatching(/more than 5 s .*previous save is kept/),
    });
    expect(outcomeError("the lab", { kind: "out-of-memory" })).toMatchObject({
      status: 422,
      message: expect.stringMatching(/more memory/),
    });
    expect(outcomeError("the lab", { kind: "busy" })).toMatchObject({ status: 503, headers: { "retry-after": "2" } });
    expect(outcomeError("the submission", { kind: "failed", message: "x".repeat(5000) }).message.length).toBeLessThan(
      700,
    );
  });
});
