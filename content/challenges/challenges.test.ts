/**
 * Every challenge: its frontmatter and checks.yaml parse; the reference solution runs cleanly in the lab
 * shell and passes every check; the starting state fails; each wrong/*.sh fails on the check its first line
 * names; hidden checks exist and never leave the server with details.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { gradeFull, gradedState } from "@/lib/jobs/grade";
import { loadChallenge, loadChallengePage } from "@/lib/content/challenges";
import { runScript } from "@/lib/jobs/script";
import { contentRoot, readCatalog } from "@/lib/content/catalog";
import { readLabFiles, readScenarioText } from "@/lib/content/lab-files";
import { evaluateCheck, redact, type FlowDetail } from "@/lib/grading";

const catalog = readCatalog();
const TOPICS = [
  "identities",
  "l3-l4-policies",
  "l7-http",
  "dns-and-the-outside-world",
  "reserved-identities",
  "namespaced-vs-clusterwide",
  "host-firewall",
  "egress-gateway",
  "enforcement-modes",
];

describe("the challenge catalogue", () => {
  it("has at least ten challenges, every lesson topic covered, and capstones that combine several", () => {
    expect(catalog.challenges.length).toBeGreaterThanOrEqual(10);
    const built = new Set(catalog.challenges.flatMap((c) => c.builds_on));
    for (const topic of TOPICS) expect(built, `no challenge builds on ${topic}`).toContain(topic);
    expect(catalog.challenges.filter((c) => c.builds_on.length >= 4).length).toBeGreaterThanOrEqual(2);
    const lessons = new Set(catalog.lessons.map((l) => l.slug));
    for (const c of catalog.challenges)
      for (const l of c.builds_on) expect(lessons, `${c.slug}: builds_on ${l}`).toContain(l);
  });
});

for (const meta of catalog.challenges) {
  describe(`challenge ${meta.slug}`, () => {
    const loaded = loadChallenge(meta.slug);
    if (!loaded) throw new Error(`cannot load ${meta.slug}`);
    const script = (file: string) =>
      runScript({
        scenarioName: meta.scenario,
        scenarioText: readScenarioText(contentRoot(), meta.scenario),
        files: readLabFiles(meta.dir),
        script: readFileSync(path.join(meta.dir, file), "utf8"),
      });
    const wrongDir = path.join(meta.dir, "wrong");
    const wrongs = existsSync(wrongDir)
      ? readdirSync(wrongDir)
          .filter((f) => f.endsWith(".sh"))
          .sort()
      : [];

    it("has hidden checks, at least two wrong solutions, and a page without the solution", () => {
      expect(loaded.challenge.checks.some((c) => c.hidden)).toBe(true);
      expect(wrongs.length).toBeGreaterThanOrEqual(2);
      const page = loadChallengePage(meta.slug);
      expect(Object.keys(page ?? {}).sort()).toEqual(["body", "checks", "file", "files", "meta", "scenarioText"]);
      for (const c of page?.checks ?? [])
        expect(Object.keys(c).sort()).toEqual(["hidden", "name", "needs", "title", "weight"]);
      // No manifest of the reference solution appears anywhere in what the page receives.
      const json = JSON.stringify(page);
      const solution = readFileSync(path.join(meta.dir, "solution.sh"), "utf8");
      for (const m of solution.matchAll(/<<EOT[^\n]*\n([\s\S]*?)\nEOT/g))
        expect(json).not.toContain(JSON.stringify(m[1]).slice(1, -1));
    });

    it("the starting state fails", () => {
      const r = gradeFull(loaded, { kind: "journal", journal: [], commands: [] });
      expect(r.passed).toBe(false);
      expect(r.errors).toEqual([]);
    });

    it("the reference solution runs cleanly and passes every check", () => {
      const run = script("solution.sh");
      expect(run.failed, run.transcript).toEqual([]);
      const r = gradeFull(loaded, run.submission);
      const failing = r.checks
        .filter((c) => !c.passed)
        .map((c) => ({ name: c.name, status: c.status, details: c.details.filter((d) => !d.passed) }));
      expect(failing, run.transcript).toEqual([]);
      expect(r).toMatchObject({ passed: true, score: 100, errors: [] });
      // Every flow of every check resolves in the solved cluster (no authoring typos hiding behind `needs`).
      const solved = { cluster: gradedState(loaded, run.submission), history: [] };
      for (const c of loaded.challenge.checks) {
        const errors = evaluateCheck(solved, c.check).details.filter(
          (d): d is FlowDetail => d.kind === "flow" && d.actual === "error",
        );
        expect(errors, c.name).toEqual([]);
      }
      // What leaves the server carries no hidden check's details.
      for (const c of redact(r).checks) if (c.hidden) expect(c).not.toHaveProperty("details");
    });

    for (const file of wrongs) {
      it(`wrong/${file} fails on the check it names`, () => {
        const text = readFileSync(path.join(wrongDir, file), "utf8");
        const named = /^# fails: ([a-z0-9-]+)\s*$/.exec(text.split("\n")[0] ?? "")?.[1];
        expect(named, `${file}: first line must be "# fails: <check-name>"`).toBeDefined();
        expect(loaded.challenge.checks.map((c) => c.name)).toContain(named);
        const run = script(`wrong/${file}`);
        expect(run.failed, run.transcript).toEqual([]);
        const r = gradeFull(loaded, run.submission);
        expect(r.passed).toBe(false);
        expect(r.checks.find((c) => c.name === named)?.status, run.transcript).toBe("failed");
      });
    }
  });
}

describe("checks agree with the learner's own terminal", () => {
  it("zero-trust-switch: while the TIE fighter's curl fails resolving the name, its landing check does not pass", () => {
    const meta = catalog.challenges.find((c) => c.slug === "zero-trust-switch");
    const loaded = meta && loadChallenge(meta.slug);
    if (!meta || !loaded) throw new Error("no zero-trust-switch");
    const curl =
      "kubectl exec tiefighter -- curl -sS --connect-timeout 2 -XPOST deathstar.default.svc.cluster.local/v1/request-landing";
    const run = runScript({
      scenarioName: meta.scenario,
      scenarioText: readScenarioText(contentRoot(), meta.scenario),
      files: readLabFiles(meta.dir),
      script: readFileSync(path.join(meta.dir, "wrong", "forgot-kube-dns.sh"), "utf8") + "\n" + curl + "\n",
    });
    expect(run.failed.map((f) => [f.command, f.output])).toEqual([
      [curl, expect.stringContaining("Resolving timed out")],
    ]);
    const lands = gradeFull(loaded, run.submission).checks.find((c) => c.name === "empire-lands");
    expect(lands?.status).toBe("failed");
  });
});
