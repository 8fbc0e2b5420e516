/**
 * The browser's deferred bindings (package.json `imports`, `browser` condition) swapped in for the static
 * ones: every golden session must print exactly its golden transcript while the YAML parser, the RE2 engine,
 * the API server's schemas, the shell's tools, the cluster's operations and the policy compiler arrive on first
 * use, each fetched once.
 */
import { describe, expect, it, vi } from "vitest";
import { NotLoadedYet, settle, settleRun } from "@/lib/base/deferred";
import { GOLDEN_FILES, GOLDEN_SESSIONS, goldenScript, goldenTranscript, STARWARS_TEXT } from "@/lib/testing/golden";
import { complete, run } from "@/lib/shell";
import { HeadlessLab, splitCommands } from "@/lib/shell/transcript";
import { deferredImport } from "./deferred-import";

/** Fetches per binding, by the name each browser binding gives deferredImport. */
const loads = vi.hoisted((): Record<string, number> => ({}));

vi.mock("./deferred-import", async (importOriginal) => {
  const original = await importOriginal<typeof import("./deferred-import")>();
  return {
    deferredImport: <T>(name: string, load: () => Promise<T>) =>
      original.deferredImport(name, () => {
        loads[name] = (loads[name] ?? 0) + 1;
        return load();
      }),
  };
});
vi.mock("#yaml", () => import("./yaml"));
vi.mock("#re2", () => import("./re2"));
vi.mock("#shell-tools", () => import("./shell-tools"));
vi.mock("#schema", () => import("./schema"));
vi.mock("#cluster-ops", () => import("./cluster"));
vi.mock("#policy-compiler", () => import("./cluster"));

const YAML = "the YAML parser";
const RE2 = "the RE2 engine";
const TOOLS = "the lab's network and Cilium tools";
const SCHEMA = "the API server's schemas";
const OPS = "the cluster's operations";
const COMPILER = "the policy compiler";

const newLab = () =>
  settle(
    () => new HeadlessLab({ scenarioName: "starwars", scenarioText: STARWARS_TEXT, files: GOLDEN_FILES, seed: 7 }),
  );

describe("deferred code in the browser", () => {
  it("starts without the YAML parser, the RE2 engine, the tools, the cluster's operations or the compiler", async () => {
    const lab = await newLab();
    expect(run(lab.state, "kubectl get pods", lab.deps).output).toContain("deathstar-");
    // Commands are declared eagerly: help and completion need no code of the command.
    expect(run(lab.state, "kubectl delete --help", lab.deps).output).toContain(
      "Usage:\n  kubectl delete ([-f FILENAME]",
    );
    expect(complete(lab.state, "kubectl delete --grace").candidates).toEqual(["--grace-period"]);
    expect(() => run(lab.state, "kubectl describe pod tiefighter", lab.deps)).toThrow(NotLoadedYet);
    expect(() => run(lab.state, "hubble observe --last 1", lab.deps)).toThrow(NotLoadedYet);
    expect(loads).toEqual({ [TOOLS]: 1 });
  });

  for (const name of GOLDEN_SESSIONS) {
    it(`prints the golden ${name} session exactly`, async () => {
      const lab = await newLab();
      expect(await lab.transcriptSettled(splitCommands(goldenScript(name)))).toBe(goldenTranscript(name));
    });
  }

  it("fetched each piece once", () => {
    expect(loads).toEqual({ [YAML]: 1, [RE2]: 1, [TOOLS]: 1, [SCHEMA]: 1, [OPS]: 1, [COMPILER]: 1 });
  });
});

describe("deferredImport", () => {
  it("reports a failed fetch to the caller and fetches again on the next call", async () => {
    let attempts = 0;
    const lib = deferredImport("the thing", () =>
      ++attempts === 1 ? Promise.reject(new Error("offline")) : Promise.resolve(42),
    );
    await expect(settle(() => lib())).rejects.toThrow(
      "could not load the thing (offline); check the connection and run the command again",
    );
    await expect(settle(() => lib() + 1)).resolves.toBe(43);
    expect(attempts).toBe(2);
  });

  it("gives a retry the clock and random numbers the interrupted attempt drew", async () => {
    let n = 0;
    const lib = deferredImport("x", () => Promise.resolve("ready"));
    const deps = { clock: () => 1000 + n, random: () => ++n / 10 };
    const seen: number[][] = [];
    await settleRun(deps, (d) => {
      const drawn = [d.random(), d.clock(), d.random()];
      seen.push(drawn);
      lib();
      return drawn;
    });
    expect(seen).toEqual([
      [0.1, 1001, 0.2],
      [0.1, 1001, 0.2],
    ]);
  });
});
