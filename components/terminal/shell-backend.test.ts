import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createCluster, parseScenario } from "@/lib/cluster";
import { createShellState, run, type ShellState } from "@/lib/shell";
import { seededRandom } from "@/lib/shell/transcript";
import { createShellBackend } from "./shell-backend";

const text = readFileSync(fileURLToPath(new URL("../../content/scenarios/starwars.yaml", import.meta.url)), "utf8");

function setup(sleep: (ms: number, signal: AbortSignal) => Promise<boolean>) {
  const listeners = new Set<() => void>();
  const p = parseScenario("starwars", text);
  if (!p.ok) throw new Error("scenario");
  const deps = { clock: () => Date.UTC(2026, 0, 15, 10), random: seededRandom(1) };
  let state: ShellState = createShellState({ cluster: createCluster(p.scenario, deps) });
  const waits: number[] = [];
  const backend = createShellBackend({
    getState: () => state,
    setState: (s) => {
      state = s;
      for (const l of listeners) l();
    },
    deps,
    sleep: (ms, s) => (waits.push(ms), sleep(ms, s)),
    subscribe: (l) => (listeners.add(l), () => void listeners.delete(l)),
  });
  return {
    backend,
    waits,
    listeners,
    /** Another view of the lab changes it (a curl from the Flows tab, an apply from the editor). */
    elsewhere(line: string) {
      state = run(state, line, deps).state;
      for (const l of listeners) l();
    },
    get state() {
      return state;
    },
  };
}

describe("createShellBackend", () => {
  it("runs commands, waits on drops and commits the new state", async () => {
    const t = setup(async () => true);
    await t.backend.execute(
      "kubectl apply -f https://raw.githubusercontent.com/cilium/cilium/1.19.4/examples/minikube/sw_l3_l4_policy.yaml",
      new AbortController().signal,
    );
    const r = await t.backend.execute(
      "kubectl exec xwing -- curl -s --connect-timeout 2 deathstar/v1/request-landing",
      new AbortController().signal,
    );
    expect(r).toEqual({ output: "command terminated with exit code 28\n", exitCode: 28 });
    expect(t.waits).toEqual([2002]);
    expect(t.state.history).toHaveLength(2);
  });

  it("on Ctrl-C keeps the state before the command plus the history line", async () => {
    const t = setup(async () => false);
    await t.backend.execute(
      "kubectl apply -f https://raw.githubusercontent.com/cilium/cilium/1.19.4/examples/minikube/sw_l3_l4_policy.yaml",
      new AbortController().signal,
    );
    const flows = t.state.cluster.flows.length;
    const r = await t.backend.execute(
      "kubectl exec xwing -- curl -s deathstar/v1/request-landing",
      new AbortController().signal,
    );
    expect(r.exitCode).toBe(130);
    expect(t.state.cluster.flows.length).toBe(flows);
    expect(t.state.history.at(-1)).toBe("kubectl exec xwing -- curl -s deathstar/v1/request-landing");
  });

  it("completes and detects open heredocs", () => {
    const t = setup(async () => true);
    expect(t.backend.complete("kubectl get cilium", 18).candidates).toContain("ciliumnetworkpolicies");
    expect(t.backend.isIncomplete("cat <<EOF | kubectl apply -f -")).toBe(true);
  });

  it("streams hubble observe --follow: each flow any view causes, until Ctrl-C (exit 130)", async () => {
    const t = setup(async () => true);
    const written: string[] = [];
    const ctl = new AbortController();
    let done = false;
    const running = t.backend
      .execute("hubble observe --follow --pod xwing", ctl.signal, { write: (s) => written.push(s) })
      .then((r) => ((done = true), r));
    await new Promise((r) => setTimeout(r, 0));
    expect(done).toBe(false);
    t.elsewhere("kubectl exec xwing -- curl -s -XPOST deathstar/v1/request-landing");
    const streamed = written.join("");
    expect(streamed).toContain("default/xwing");
    expect(streamed).toBe(run(t.state, "hubble observe --pod xwing", { clock: () => 0, random: () => 0 }).output);
    ctl.abort();
    expect(await running).toEqual({ output: "", exitCode: 130 });
    expect(t.listeners.size).toBe(0);
    expect(t.state.lastExit).toBe(130);
    const before = written.length;
    t.elsewhere("kubectl exec xwing -- curl -s -XPOST deathstar/v1/request-landing");
    expect(written.length).toBe(before);
  });
});
