/**
 * Runs a shell script (a challenge's solution.sh or wrong/*.sh, or an author's script for `npm run grade`)
 * through the lab shell from the challenge's starting state, and turns the lab into a submission exactly
 * as the browser would send it: the cluster's journal plus the command history.
 */
import type { Journal } from "@/lib/cluster";
import type { Submission } from "@/lib/grading";
import { HeadlessLab, splitCommands } from "@/lib/shell/transcript";

export interface ScriptRun {
  readonly submission: Submission & { readonly kind: "journal" };
  /** `$ command` + output of every command, for test failure messages. */
  readonly transcript: string;
  /** Commands that exited non-zero (a script that should work but didn't). */
  readonly failed: readonly { readonly command: string; readonly exitCode: number; readonly output: string }[];
}

/** Runs `script` on a fresh lab of the scenario with the challenge's starting files. */
export function runScript(opts: {
  scenarioName: string;
  scenarioText: string;
  files: Readonly<Record<string, string>>;
  script: string;
}): ScriptRun {
  const files = Object.fromEntries(Object.entries(opts.files).map(([p, c]) => [p.replace(/^\/root\//, ""), c]));
  const lab = new HeadlessLab({ scenarioName: opts.scenarioName, scenarioText: opts.scenarioText, files });
  let transcript = "";
  const failed: { command: string; exitCode: number; output: string }[] = [];
  for (const command of splitCommands(opts.script)) {
    const r = lab.run(command);
    transcript += `$ ${command}\n${r.output.replace(/\r\n/g, "\n")}`;
    if (r.exitCode !== 0) failed.push({ command, exitCode: r.exitCode, output: r.output });
  }
  const journal: Journal = lab.state.cluster.journal;
  return {
    submission: { kind: "journal", journal: [...journal], commands: [...lab.state.history] },
    transcript,
    failed,
  };
}
