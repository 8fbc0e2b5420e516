/**
 * The browser's deferred bindings (package.json `imports`, `browser` condition) swapped in for the static
 * ones: every golden session must print exactly its golden transcript while the YAML parser, the RE2 engine
 * and the shell's tools arrive on first use, each fetched once.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it, vi } from "vitest";
import { NotLoadedYet, settle, settleRun } from "@/lib/engine/deferred";
import { HeadlessLab, splitCommands } from "@/lib/shell/transcript";
import { run } from "@/lib/shell";
import { deferredImport } from "./deferred-import";

const loads = vi.hoisted(() => ({ yaml: 0, re2: 0, tools: 0 }));

vi.mock("#yaml", async () => {
  const { deferredImport } = await import("./deferred-import");
  return { yamlParser: deferredImport("yaml", () => (loads.yaml++, import("yaml").then((m) => ({ parseAllDocuments: m.parseAllDocuments })))) };
});
vi.mock("#re2", async () => {
  const { deferredImport } = await import("./deferred-import");
  return { re2: deferredImport("re2", () => (loads.re2++, import("re2js").then((m) => m.RE2JS))) };
});
vi.mock("#shell-tools", async () => {
  const { deferredImport } = await import("./deferred-import");
  return { shellTools: deferredImport("tools", () => (loads.tools++, import("@/lib/shell/deferred-tools"))) };
});

const golden = (name: string) => fileURLToPath(new URL(`../../../lib/shell/__golden__/${name}`, import.meta.url));
const scenarioText = readFileSync(fileURLToPath(new URL("../../../content/scenarios/starwars.yaml", import.meta.url)), "utf8");
const FILES = {
  "sw_l3_l4_policy.yaml": readFileSync(golden("files/sw_l3_l4_policy.yaml"), "utf8"),
  "bad-yaml.yaml": "apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n  name: broken\nspec:\n  endpointSelector: matchLabels: {}\n",
  "typo.yaml": "apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n  name: typo\nspec:\n  endpointSelector: {}\n  ingress:\n  - fromEndpoint:\n    - {}\n",
  "in-default.yaml": "apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n  name: in-default\n  namespace: default\nspec:\n  endpointSelector: {}\n  ingress:\n  - fromEntities: [cluster]\n",
};

/** HeadlessLab.transcript, with every command run the way the browser runs it (settleRun). */
async function deferredTranscript(lab: HeadlessLab, commands: readonly string[]): Promise<string> {
  let out = "";
  for (const c of commands) {
    const r = await settleRun(lab.deps, (deps) => run(lab.state, c, deps));
    lab.state = r.state;
    lab.now += 1000 + r.elapsedMs;
    out += `$ ${c}\n${r.output.replace(/\r\n/g, "\n")}`;
  }
  return out;
}

describe("deferred code in the browser", () => {
  it("starts without the YAML parser, the RE2 engine or the tools", async () => {
    const lab = await settle(() => new HeadlessLab({ scenarioName: "starwars", scenarioText, files: FILES, seed: 7 }));
    expect(run(lab.state, "kubectl get pods", lab.deps).output).toContain("deathstar-");
    expect(() => run(lab.state, "hubble observe --last 1", lab.deps)).toThrow(NotLoadedYet);
    expect(loads).toEqual({ yaml: 0, re2: 0, tools: 1 });
  });

  for (const name of ["shell", "kubectl-get", "kubectl-write", "kubectl-describe", "kubectl-exec", "cilium", "hubble", "errors"]) {
    it(`prints the golden ${name} session exactly`, async () => {
      const lab = await settle(() => new HeadlessLab({ scenarioName: "starwars", scenarioText, files: FILES, seed: 7 }));
      const out = await deferredTranscript(lab, splitCommands(readFileSync(golden(`${name}.sh`), "utf8")));
      expect(out).toBe(readFileSync(golden(`${name}.txt`), "utf8"));
    });
  }

  it("fetched each piece once", () => {
    expect(loads).toEqual({ yaml: 1, re2: 1, tools: 1 });
  });
});

describe("deferredImport", () => {
  it("reports a failed fetch to the caller and fetches again on the next call", async () => {
    let attempts = 0;
    const lib = deferredImport("the thing", () => (++attempts === 1 ? Promise.reject(new Error("offline")) : Promise.resolve(42)));
    await expect(settle(() => lib())).rejects.toThrow("could not load the thing (offline); check the connection and run the command again");
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
