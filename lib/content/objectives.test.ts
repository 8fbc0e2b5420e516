/**
 * Every lesson's objectives need the learner's work: none is met on the scenario as it starts, and the
 * lesson's own solution.sh meets them all (issue 12: objectives that ticked on first open). A lesson page shows
 * a fresh lab's objectives as the server evaluated them when it built the page: they must be what the
 * browser's own fresh lab (another clock, other random numbers) gives.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { seededRandom } from "@/lib/base/reproducible";
import { createCluster } from "@/lib/cluster";
import { evaluateObjectives } from "@/lib/grading";
import { freshObjectives } from "@/lib/grading/evaluate";
import { HeadlessLab, splitCommands } from "@/lib/shell/transcript";
import { contentRoot, readCatalog } from "./catalog";
import { readLabFiles, readScenarioText } from "./lab-files";

const { lessons } = readCatalog();

function labFor(slug: string) {
  const lesson = lessons.find((l) => l.slug === slug);
  if (!lesson) throw new Error(`no lesson ${slug}`);
  const files = Object.fromEntries(
    Object.entries(readLabFiles(lesson.dir)).map(([p, c]) => [p.replace(/^\/root\//, ""), c]),
  );
  const lab = new HeadlessLab({
    scenarioName: lesson.scenario,
    scenarioText: readScenarioText(contentRoot(), lesson.scenario),
    files,
  });
  const met = (): string[] =>
    evaluateObjectives({ cluster: lab.state.cluster, history: lab.state.history }, lesson.objectives)
      .filter((r) => r.passed)
      .map((r) => r.name);
  return { lesson, lab, met };
}

describe("lesson objectives", () => {
  for (const lesson of lessons) {
    it(`${lesson.slug}: none met at the start, all met by solution.sh`, () => {
      const { lab, met } = labFor(lesson.slug);
      expect(met()).toEqual([]);
      const solution = path.join(lesson.dir, "solution.sh");
      expect(existsSync(solution)).toBe(true);
      for (const command of splitCommands(readFileSync(solution, "utf8"))) lab.run(command);
      expect(met()).toEqual(lesson.objectives.map((o) => o.name));
    });
  }

  for (const lesson of lessons) {
    it(`${lesson.slug}: the page's fresh objectives are a fresh lab's own, whatever its clock and seed`, () => {
      const { lab } = labFor(lesson.slug);
      const scenario = lab.state.cluster.scenario;
      const fromServer = freshObjectives(scenario, lesson.objectives);
      expect(fromServer.map((r) => r.name)).toEqual(lesson.objectives.map((o) => o.name));
      const browserLab = createCluster(scenario, {
        clock: () => Date.UTC(2031, 5, 1, 8, 30),
        random: seededRandom(99),
      });
      expect(fromServer).toEqual(evaluateObjectives({ cluster: browserLab, history: [] }, lesson.objectives));
    });
  }

  it("enforcement-modes: the always-mode landing does not tick in default mode", () => {
    const { lab, met } = labFor("enforcement-modes");
    lab.run("kubectl apply -f rule1.yaml");
    expect(met()).not.toContain("zero-trust-landing");
  });
});
