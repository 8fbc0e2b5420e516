import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { HeadlessLab } from "@/lib/shell/transcript";
import { snapshotOf } from "./lab-snapshot";

const ROOT = path.resolve(import.meta.dirname, "../..");
const starwars = readFileSync(path.join(ROOT, "content/scenarios/starwars.yaml"), "utf8");

describe("the saved form of a lab", () => {
  it("keeps every change but only the latest connections, so long sessions stay within the save limits", () => {
    const lab = new HeadlessLab({ scenarioName: "starwars", scenarioText: starwars });
    lab.run("kubectl label pod xwing org=empire --overwrite");
    for (let i = 0; i < 320; i++) lab.run("kubectl exec tiefighter -- curl -s -XPOST deathstar/v1/request-landing");
    lab.run("kubectl label pod xwing org=alliance --overwrite");

    const saved = snapshotOf(lab.state);
    const ops = saved.journal as unknown as { op: string }[];
    expect(ops.filter((o) => o.op === "label")).toHaveLength(2);
    expect(ops.filter((o) => o.op === "connect")).toHaveLength(300);
    expect(ops[0]?.op).toBe("label");
    expect(ops.at(-1)?.op).toBe("label");
    expect(saved.history).toHaveLength(322);
  });

  it("is the shell's own serialisation when there is nothing to trim", () => {
    const lab = new HeadlessLab({ scenarioName: "starwars", scenarioText: starwars });
    lab.run("kubectl exec tiefighter -- curl -s -XPOST deathstar/v1/request-landing");
    expect((snapshotOf(lab.state).journal as unknown[]).length).toBe(1);
  });
});
