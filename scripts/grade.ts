/**
 * `npm run -s grade -- SLUG FILE [--full] [--pretty]`: grades FILE against challenge SLUG exactly as
 * `POST /api/challenges/SLUG/attempts` does and prints the same JSON (the learner's view: hidden checks
 * without details). FILE is
 *   *.yaml / *.yml   manifests, applied to the challenge's starting cluster (`kubectl apply -f`)
 *   *.json           an attempt body: { "journal": [...], "commands": [...] } or { "manifests": "..." }
 *   *.sh             commands run through the lab shell from the starting state (like solution.sh)
 * --full prints the author's view (hidden checks' flows included); --pretty indents.
 * Exit 0 whenever a grade was printed, passed or not; 2 for usage errors; 1 when the content itself is broken.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gradeFull } from "@/lib/jobs/grade";
import { loadChallenge } from "@/lib/content/challenges";
import { runScript } from "@/lib/jobs/script";
import { parseAttemptBody } from "@/lib/http/requests";
import { readLabFiles, readScenarioText } from "@/lib/content/lab-files";
import { contentRoot } from "@/lib/content/catalog";
import { redact, type Submission } from "@/lib/grading";

export type CliOutcome = { readonly code: 0; readonly stdout: string } | { readonly code: 2; readonly stderr: string };

const USAGE = "usage: npm run -s grade -- SLUG FILE.(yaml|json|sh) [--full] [--pretty]";

function submissionFrom(slug: string, file: string, text: string): Submission | string {
  const ext = path.extname(file).toLowerCase();
  if (ext === ".yaml" || ext === ".yml") return { kind: "manifests", text, source: path.basename(file) };
  if (ext === ".json") {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (error) {
      return `${file}: not JSON: ${(error as Error).message}`;
    }
    const parsed = parseAttemptBody(body);
    return parsed.ok ? parsed.submission : `${file}: ${parsed.error}`;
  }
  if (ext === ".sh") {
    const loaded = loadChallenge(slug);
    if (!loaded) return `unknown challenge "${slug}"`;
    return runScript({
      scenarioName: loaded.meta.scenario,
      scenarioText: readScenarioText(contentRoot(), loaded.meta.scenario),
      files: readLabFiles(loaded.meta.dir),
      script: text,
    }).submission;
  }
  return `${file}: expected a .yaml, .yml, .json or .sh file`;
}

/** The CLI without process side effects (tested). */
export function gradeCli(argv: readonly string[]): CliOutcome {
  const flags = new Set(argv.filter((a) => a.startsWith("--")));
  const args = argv.filter((a) => !a.startsWith("--"));
  const unknown = [...flags].filter((f) => f !== "--full" && f !== "--pretty");
  if (args.length !== 2 || unknown.length > 0)
    return { code: 2, stderr: `${unknown.length > 0 ? `unknown option ${unknown.join(", ")}\n` : ""}${USAGE}` };
  const [slug, file] = args as [string, string];
  const loaded = loadChallenge(slug);
  if (!loaded) return { code: 2, stderr: `grade: unknown challenge "${slug}"\n${USAGE}` };
  if (!existsSync(file)) return { code: 2, stderr: `grade: ${file}: no such file` };
  const submission = submissionFrom(slug, file, readFileSync(file, "utf8"));
  if (typeof submission === "string") return { code: 2, stderr: `grade: ${submission}` };
  const full = gradeFull(loaded, submission);
  const result = flags.has("--full") ? full : redact(full);
  return { code: 0, stdout: `${JSON.stringify(result, null, flags.has("--pretty") ? 2 : undefined)}\n` };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  let out: CliOutcome | { code: 1; stderr: string };
  try {
    out = gradeCli(process.argv.slice(2));
  } catch (error) {
    // Broken content (a checks.yaml or scenario that does not parse): not a usage error, not a grade.
    out = { code: 1, stderr: `grade: ${(error as Error).message}` };
  }
  if (out.code === 0) process.stdout.write(out.stdout);
  else process.stderr.write(`${out.stderr}\n`);
  process.exitCode = out.code;
}
