/**
 * The course, checked as a learner would meet it: every lesson compiles, names real objectives, and every
 * command it shows runs in its lab (in page order) and prints what the lesson says; the starting lab does
 * not satisfy the objectives and the solution does.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readCatalog, type LessonMeta } from "@/lib/content/catalog";
import { extractCommands, extractObjectiveRefs } from "@/lib/content/commands";
import { splitFrontmatter } from "@/lib/content/frontmatter";
import { readLabFiles } from "@/lib/content/lab-files";
import { compileMdx } from "@/lib/content/mdx";
import { evaluateObjectives } from "@/lib/grading";
import { HeadlessLab, splitCommands } from "@/lib/shell/transcript";

const ROOT = path.resolve(import.meta.dirname, "../..");
const catalog = readCatalog(path.join(ROOT, "content"));

function labFor(lesson: LessonMeta): HeadlessLab {
  const scenarioText = readFileSync(path.join(ROOT, "content", "scenarios", `${lesson.scenario}.yaml`), "utf8");
  return new HeadlessLab({ scenarioName: lesson.scenario, scenarioText, files: readLabFiles(lesson.dir) });
}

function objectivesOf(lab: HeadlessLab, lesson: LessonMeta) {
  return evaluateObjectives({ cluster: lab.state.cluster, history: lab.state.history }, lesson.objectives);
}

describe("the course", () => {
  it("has the eleven lessons of the syllabus, in order", () => {
    expect(catalog.lessons.length).toBeGreaterThanOrEqual(11);
    expect(catalog.lessons.map((l) => l.order)).toEqual(catalog.lessons.map((_, i) => i + 1));
  });
});

for (const lesson of catalog.lessons) {
  describe(`lesson ${lesson.order}: ${lesson.title}`, () => {
    const file = path.join(lesson.dir, "index.mdx");
    const body = splitFrontmatter(readFileSync(file, "utf8")).body;
    const rel = path.relative(ROOT, file);

    it("compiles", async () => {
      await expect(compileMdx(body, rel)).resolves.toContain("function");
    });

    it("refers only to objectives it defines, and shows every objective in the text", () => {
      const names = new Set(lesson.objectives.map((o) => o.name));
      const refs = extractObjectiveRefs(body);
      for (const ref of refs) expect(names, `${rel}:${ref.line}: <Objective name="${ref.name}">`).toContain(ref.name);
      expect(new Set(refs.map((r) => r.name))).toEqual(names);
    });

    it("runs every command in its lab, in page order, with the outcome the text promises", () => {
      const lab = labFor(lesson);
      const problems: string[] = [];
      for (const cmd of extractCommands(body, rel)) {
        const result = lab.run(cmd.command);
        const where = `${rel}:${cmd.line}: ${cmd.command.split("\n")[0]}`;
        if (cmd.fails && result.exitCode === 0)
          problems.push(`${where}\n  meant to fail, but exited 0:\n${result.output}`);
        if (!cmd.fails && result.exitCode !== 0)
          problems.push(`${where}\n  exited ${result.exitCode}:\n${result.output}`);
        if (cmd.expect !== null && !result.output.includes(cmd.expect)) {
          problems.push(`${where}\n  output lacks "${cmd.expect}":\n${result.output}`);
        }
      }
      expect(problems.join("\n\n")).toBe("");
    });

    it("starts with at least one objective not met", () => {
      const results = objectivesOf(labFor(lesson), lesson);
      expect(results.every((r) => r.passed)).toBe(false);
    });

    it("is completed by its solution.sh", () => {
      const solution = path.join(lesson.dir, "solution.sh");
      expect(existsSync(solution), `${path.relative(ROOT, solution)} is missing`).toBe(true);
      const lab = labFor(lesson);
      for (const command of splitCommands(readFileSync(solution, "utf8"))) lab.run(command);
      const failed = objectivesOf(lab, lesson).filter((r) => !r.passed);
      expect(failed.map((r) => `${r.name}: ${JSON.stringify(r.details)}`)).toEqual([]);
    });
  });
}
