/**
 * The end-to-end build's content: the whole course plus the frozen fixtures the mechanics specs run on. The
 * fixtures must behave as those specs assume (their commands run, the solution solves, the wrong one fails on
 * its check, one check starts blocked), so a spec failing means the app broke, not the fixture.
 */
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, cpSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readCatalog } from "@/lib/content/catalog";
import { loadChallenge } from "@/lib/content/challenges";
import { extractCommands, extractObjectiveRefs } from "@/lib/content/commands";
import { splitFrontmatter } from "@/lib/content/frontmatter";
import { readLabFiles, readScenarioText } from "@/lib/content/lab-files";
import { evaluateObjectives } from "@/lib/grading";
import { gradeFull } from "@/lib/jobs/grade";
import { runScript } from "@/lib/jobs/script";
import { HeadlessLab, splitCommands } from "@/lib/shell/transcript";
import { prepareE2eContent } from "./e2e-content";

const ROOT = path.resolve(import.meta.dirname, "..");
const scratch = mkdtempSync(path.join(tmpdir(), "e2e-content-"));
const out = prepareE2eContent(ROOT, path.join(scratch, "content"));
process.env.POLICY_LAB_CONTENT_DIR = out; // loadChallenge reads the content root from here
const merged = readCatalog(out);
const course = readCatalog(path.join(ROOT, "content"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("the e2e build's content", () => {
  it("is the course unchanged, plus the fixture track last", () => {
    const slugs = (c: typeof merged) => [...c.lessons.map((l) => l.slug), ...c.challenges.map((c) => c.slug)];
    expect(slugs(merged)).toEqual(expect.arrayContaining(slugs(course)));
    expect(merged.tracks.map((t) => t.id)).toEqual([...course.tracks.map((t) => t.id), "fixtures"]);
    expect(merged.lessons.filter((l) => l.track === "fixtures").map((l) => l.slug)).toEqual(["lab-mechanics"]);
    expect(merged.challenges.filter((c) => c.track === "fixtures").map((c) => c.slug)).toEqual(["grading-mechanics"]);
  });

  it("refuses a fixture that would replace a course folder", () => {
    const fake = path.join(scratch, "fake");
    cpSync(path.join(ROOT, "content"), path.join(fake, "content"), { recursive: true });
    mkdirSync(path.join(fake, "e2e", "fixtures", "content", "lessons", "03-l3-l4-policies"), { recursive: true });
    writeFileSync(path.join(fake, "e2e", "fixtures", "content", "tracks.yaml"), "[]\n");
    expect(() => prepareE2eContent(fake)).toThrow(/03-l3-l4-policies already exists in the course/);
  });
});

describe("the fixture lesson (lab-mechanics)", () => {
  const lesson = merged.lessons.find((l) => l.slug === "lab-mechanics")!;
  const lab = () =>
    new HeadlessLab({
      scenarioName: lesson.scenario,
      scenarioText: readScenarioText(out, lesson.scenario),
      files: readLabFiles(lesson.dir),
    });
  const objectives = (l: HeadlessLab) =>
    evaluateObjectives({ cluster: l.state.cluster, history: l.state.history }, lesson.objectives);

  it("runs every command it shows, with the outcome the text promises", () => {
    const file = path.join(lesson.dir, "index.mdx");
    const l = lab();
    for (const cmd of extractCommands(splitFrontmatter(readFileSync(file, "utf8")).body, file)) {
      const result = l.run(cmd.command);
      expect(result.exitCode === 0, `${cmd.command}\n${result.output}`).toBe(!cmd.fails);
      if (cmd.expect !== null) expect(result.output).toContain(cmd.expect);
    }
  });

  it("shows every objective it defines in the text", () => {
    const body = splitFrontmatter(readFileSync(path.join(lesson.dir, "index.mdx"), "utf8")).body;
    expect(new Set(extractObjectiveRefs(body).map((r) => r.name))).toEqual(
      new Set(lesson.objectives.map((o) => o.name)),
    );
  });

  it("starts unmet, and its solution meets every objective", () => {
    expect(objectives(lab()).some((r) => !r.passed)).toBe(true);
    const l = lab();
    for (const command of splitCommands(readFileSync(path.join(lesson.dir, "solution.sh"), "utf8"))) l.run(command);
    expect(objectives(l).filter((r) => !r.passed)).toEqual([]);
  });
});

describe("the fixture challenge (grading-mechanics)", () => {
  const meta = merged.challenges.find((c) => c.slug === "grading-mechanics")!;
  const loaded = loadChallenge(meta.slug)!;
  const script = (file: string) =>
    runScript({
      scenarioName: meta.scenario,
      scenarioText: readScenarioText(out, meta.scenario),
      files: readLabFiles(meta.dir),
      script: readFileSync(path.join(meta.dir, file), "utf8"),
    });
  const status = (r: ReturnType<typeof gradeFull>, name: string) => r.checks.find((c) => c.name === name)?.status;

  it("starts with the exhaust port open and the lockout check blocked", () => {
    const r = gradeFull(loaded, { kind: "journal", journal: [], commands: [] });
    expect(status(r, "exhaust-port-safe")).toBe("failed");
    expect(status(r, "lands-after-lockout")).toBe("blocked");
  });

  it("is solved by its solution, and the L3/L4-only policy fails on the exhaust port", () => {
    expect(gradeFull(loaded, script("solution.sh").submission)).toMatchObject({ passed: true, score: 100 });
    const wrong = gradeFull(loaded, script("wrong/l4-only.sh").submission);
    expect(wrong.passed).toBe(false);
    expect(status(wrong, "exhaust-port-safe")).toBe("failed");
  });
});
