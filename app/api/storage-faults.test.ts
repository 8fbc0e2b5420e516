/**
 * The API routes under storage faults, called as Next calls them: a write the database did not store is
 * answered 503 with a message, never 2xx and never an empty 500.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { deploy } from "@/lib/db/migrate/commands";
import { resolveDatabaseTarget } from "@/lib/db/url";
import { LEARNER_COOKIE, signLearnerId } from "@/lib/learner/cookie";
import { learnerSecret } from "@/lib/learner/secret";
import * as attempts from "./challenges/[slug]/attempts/route";
import * as join from "./join/[code]/route";
import * as lessonLab from "./lessons/[slug]/lab/route";

const LEARNER = "3f0c1d2e-4b5a-4c6d-8e7f-0123456789ab";
// The attempt route reads the signed cookie off the request, as a browser sends it.
process.env.POLICY_LAB_SECRET ??= "storage-faults-test-secret-0123456789abcdef";
vi.mock("@/lib/progress/current", () => ({ currentLearnerId: async () => LEARNER }));

const ROOT = path.resolve(import.meta.dirname, "../..");
const dir = mkdtempSync(path.join(tmpdir(), "policy-lab-routes-"));
const file = path.join(dir, "lab.db");
const saved = process.env.DATABASE_URL;

beforeAll(async () => {
  await deploy({ root: ROOT, target: resolveDatabaseTarget(`file:${file}`, dir) });
  process.env.DATABASE_URL = `file:${file}`;
});
afterAll(async () => {
  await db().$disconnect();
  if (saved === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = saved;
  rmSync(dir, { recursive: true, force: true });
});

const SOLUTION = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: imperial-airspace
spec:
  endpointSelector:
    matchLabels:
      class: deathstar
  ingress:
  - fromEndpoints:
    - matchLabels:
        org: empire
`;

const post = async (commands: string[]) =>
  attempts.POST(
    new NextRequest("http://127.0.0.1/api/challenges/imperial-airspace/attempts", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        cookie: `${LEARNER_COOKIE}=${await signLearnerId(LEARNER, learnerSecret())}`,
      },
      body: JSON.stringify({ journal: [{ op: "apply", source: "STDIN", text: SOLUTION }], commands }),
    }),
    { params: Promise.resolve({ slug: "imperial-airspace" }) },
  );

describe("API routes when the database cannot store", () => {
  it("an attempt on a full disk is a 503 that says nothing was saved; once there is room it is stored", async () => {
    expect((await post(["kubectl get pods"])).status).toBe(201);
    const [pages] = await db().$queryRawUnsafe<{ page_count: bigint }[]>("PRAGMA page_count");
    await db().$queryRawUnsafe(`PRAGMA max_page_count = ${Number(pages?.page_count)}`);
    const full = await post(["x".repeat(60_000)]);
    expect(full.status).toBe(503);
    expect(await full.json()).toEqual({ error: expect.stringMatching(/disk is full, so nothing was saved/) });
    await db().$queryRawUnsafe("PRAGMA max_page_count = 1073741823");
    expect((await post(["x".repeat(60_000)])).status).toBe(201);
    const summary = await attempts.GET(new NextRequest("http://127.0.0.1/api/challenges/imperial-airspace/attempts"), {
      params: Promise.resolve({ slug: "imperial-airspace" }),
    });
    expect(await summary.json()).toMatchObject({ attempts: 2 });
  });

  it("a lab save after the database file was deleted is a 503, not a save into the void", async () => {
    for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
    const res = await lessonLab.PUT(
      new NextRequest("http://127.0.0.1/api/lessons/l3-l4-policies/lab", {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ version: 1, journal: [], files: {}, history: [], env: {} }),
      }),
      { params: Promise.resolve({ slug: "l3-l4-policies" }) },
    );
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error: expect.stringMatching(/missing or was replaced/) });
  });

  it("a workshop join while the database is gone is a 503 with the message, not a 500", async () => {
    const res = await join.POST(
      new NextRequest("http://127.0.0.1/api/join/ABCD2345", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ displayName: "Ann" }),
      }),
      { params: Promise.resolve({ code: "ABCD2345" }) },
    );
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error: expect.stringMatching(/missing or was replaced/) });
  });
});
