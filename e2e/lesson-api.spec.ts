import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, request, test } from "@playwright/test";
import { learnerFrom } from "./helpers";

const LAB = "/api/lessons/lab-mechanics/lab";
const rule1 = readFileSync(
  path.join(import.meta.dirname, "fixtures/content/lessons/90-lab-mechanics/files/rule1.yaml"),
  "utf8",
);
const snapshot = (journal: unknown[], extra: Record<string, unknown> = {}) => ({
  version: 1,
  journal,
  files: {},
  history: [],
  env: {},
  ...extra,
});

/** A learner as the browser is one: the lesson page first, which hands out the cookie. */
const learner = (baseURL: string | undefined) => learnerFrom(baseURL, "/lessons/lab-mechanics");

test.describe("saving a lesson's lab", () => {
  test("the server decides which objectives hold: a lab claiming completion is not complete", async ({ baseURL }) => {
    const api = await learner(baseURL);
    const forged = await api.put(LAB, {
      data: snapshot([], { completed: true, objectivesMet: ["empire-only", "listed-endpoints"] }),
    });
    expect(forged.status()).toBe(200);
    expect(await forged.json()).toEqual({ objectivesMet: [], completed: false });

    const real = await api.put(LAB, { data: snapshot([{ op: "apply", source: "rule1.yaml", text: rule1 }]) });
    expect(await real.json()).toEqual({ objectivesMet: ["empire-only"], completed: false });
    const saved = await (await api.get(LAB)).json();
    expect(saved.objectivesMet).toEqual(["empire-only"]);
    expect(saved.snapshot.journal).toHaveLength(1);
    await api.dispose();
  });

  test("bad saves get clear errors and leave the saved lab alone", async ({ baseURL }) => {
    const api = await learner(baseURL);
    await api.put(LAB, { data: snapshot([{ op: "apply", source: "rule1.yaml", text: rule1 }]) });
    const huge = await api.put(LAB, { data: snapshot([], { files: { "/root/big.yaml": "x".repeat(1_100_000) } }) });
    expect(huge.status()).toBe(413);
    const broken = await api.put(LAB, { data: "{not json", headers: { "content-type": "application/json" } });
    expect(broken.status()).toBe(400);
    const wrong = await api.put(LAB, { data: snapshot([{ op: "explode" }]) });
    expect(wrong.status()).toBe(400);
    expect((await wrong.json()).error).toMatch(/invalid lab journal/);
    expect((await (await api.get(LAB)).json()).snapshot.journal).toHaveLength(1);
    const anonymous = await request.newContext({ baseURL });
    expect((await anonymous.put(LAB, { data: snapshot([]) })).status()).toBe(401);
    await api.dispose();
  });
});
