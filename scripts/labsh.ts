/**
 * `npm run -s labsh -- --scenario NAME [--files DIR]`: the lab shell on stdin/stdout. Reads
 * content/scenarios/NAME.yaml, runs stdin one command per line (a heredoc is one command), prints `$ command`
 * then its output as the terminal shows it, without colours. The clock is pinned and advances 1 s per command
 * (plus simulated waits, never slept); randomness is seeded. Exit 0 unless the input cannot be read.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { HeadlessLab, splitCommands } from "@/lib/shell/transcript";

const ROOT = resolve(fileURLToPath(new URL(".", import.meta.url)), "..");

function usage(msg: string): never {
  process.stderr.write(`labsh: ${msg}\nusage: labsh --scenario NAME [--files DIR] < commands\n`);
  process.exit(2);
}

/** Parses argv (after the script name). */
export function parseArgs(argv: readonly string[]): { scenario: string; files?: string; seed: number } {
  let scenario: string | undefined;
  let files: string | undefined;
  let seed = 1;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const value = (): string => argv[++i] ?? usage(`${a} needs a value`);
    if (a === "--scenario") scenario = value();
    else if (a.startsWith("--scenario=")) scenario = a.slice(11);
    else if (a === "--files") files = value();
    else if (a.startsWith("--files=")) files = a.slice(8);
    else if (a === "--seed") seed = Number(value());
    else usage(`unknown argument ${a}`);
  }
  if (!scenario) usage("--scenario is required");
  return { scenario, ...(files !== undefined ? { files } : {}), seed };
}

/** Reads every file under `dir` (relative paths → content). */
export function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p, "utf8");
    }
  };
  walk(dir);
  return out;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const path = join(ROOT, "content", "scenarios", `${args.scenario}.yaml`);
  if (!existsSync(path)) usage(`no scenario ${args.scenario} (${path})`);
  const files = args.files ? readTree(resolve(args.files)) : {};
  let input: string;
  try {
    input = readFileSync(0, "utf8");
  } catch (e) {
    usage(`cannot read stdin: ${e instanceof Error ? e.message : String(e)}`);
  }
  let lab: HeadlessLab;
  try {
    lab = new HeadlessLab({
      scenarioName: args.scenario,
      scenarioText: readFileSync(path, "utf8"),
      files,
      seed: args.seed,
    });
  } catch (e) {
    usage(`scenario ${args.scenario} is invalid: ${e instanceof Error ? e.message : String(e)}`);
  }
  for (const command of splitCommands(input)) process.stdout.write(lab.transcript([command]));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
