import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseScenario } from "@/lib/cluster";
import { complete } from "./complete";
import { restoreShell, serializeShell } from "./state";
import { HeadlessLab, seededRandom, splitCommands } from "./transcript";
import { objects } from "./cluster/ops";

const root = fileURLToPath(new URL("../../", import.meta.url));
const scenarioText = readFileSync(`${root}content/scenarios/starwars.yaml`, "utf8");
const lab = (): HeadlessLab =>
  new HeadlessLab({ scenarioName: "starwars", scenarioText, files: { "policy.yaml": "a: 1\n" } });

describe("run()", () => {
  it("returns stdout, stderr, the interleaved output and exit codes", () => {
    const l = lab();
    const r = l.run("kubectl get pods xwing nope");
    expect(r.stdout).toContain("xwing");
    expect(r.stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(r.exitCode).toBe(1);
    expect(r.state.history).toEqual(["kubectl get pods xwing nope"]);
  });
  it("asks the UI to wait on a dropped connection, capped", () => {
    const l = lab();
    l.run(
      "kubectl apply -f https://raw.githubusercontent.com/cilium/cilium/1.19.4/examples/minikube/sw_l3_l4_policy.yaml",
    );
    const r = l.run("kubectl exec xwing -- curl -s --connect-timeout 3 deathstar/v1/request-landing");
    expect(r.exitCode).toBe(28);
    expect(r.waitMs).toBe(3002);
    const slow = l.run("kubectl exec xwing -- curl -s deathstar/v1/request-landing");
    expect(slow.waitMs).toBe(5000);
    expect(slow.elapsedMs).toBeGreaterThan(130_000);
  });
  it("colours hubble on a TTY only", () => {
    const l = lab();
    l.run("kubectl exec tiefighter -- curl -s deathstar/v1/");
    expect(l.run("hubble observe --last 1").output).not.toContain("\x1b[");
    (l.deps as { tty?: boolean }).tty = true;
    expect(l.run("hubble observe --last 1").output).toContain("\x1b[32mFORWARDED\x1b[0m");
  });
});

describe("complete()", () => {
  const state = lab().state;
  it.each([
    ["kub", ["kubectl"]],
    ["kubectl de", ["debug", "delete", "describe"]],
    ["kubectl get ciliumi", ["ciliumid", "ciliumidentities"]],
    ["kubectl get pods x", ["xwing"]],
    ["kubectl get pods -n kube-system core", ["coredns-674b8bbfcf-4wzs9", "coredns-674b8bbfcf-cbk2f"]],
    ["kubectl exec ti", ["tiefighter"]],
    ["kubectl exec tiefighter -- cu", ["curl"]],
    // a global flag before the command is no argument (issue 12)
    ["kubectl -n kube-system exec cilium-8", ["cilium-8bmfw"]],
    ["kubectl -n kube-system exec ds/", ["ds/cilium", "ds/cilium-envoy"]],
    ["kubectl -n kube-system exec ds/cilium -- cilium-dbg end", ["endpoint"]],
    ["kubectl -n kube-system describe pod cilium-8", ["cilium-8bmfw"]],
    ["kubectl exec -it ti", ["tiefighter"]],
    ["kubectl apply -f pol", ["policy.yaml"]],
    ["cat po", ["policy.yaml"]],
    ["hubble observe --verdict D", ["DROPPED"]],
    ["hubble observe --pod xw", ["xwing"]],
    ["kubectl get pods -o y", ["yaml"]],
    ["cilium config set enable-p", ["enable-policy"]],
    ["kubectl get pods --show-l", ["--show-labels"]],
  ])("%s", (line, want) => expect(complete(state, line, line.length).candidates).toEqual(want));
  it("reports where the word starts", () => {
    expect(complete(state, "kubectl get pods x", 18).replaceFrom).toBe(17);
  });
});

describe("serializeShell / restoreShell", () => {
  it("round-trips the cluster (journal), files, history and env", () => {
    const l = lab();
    for (const c of splitCommands(
      "export NS=default\nkubectl label pod xwing org=empire --overwrite\necho hi > note.txt\nkubectl exec tiefighter -- curl -s deathstar/v1/",
    ))
      l.run(c);
    const saved = JSON.parse(JSON.stringify(serializeShell(l.state))) as unknown;
    const parsed = parseScenario("starwars", scenarioText);
    if (!parsed.ok) throw new Error("scenario");
    const r = restoreShell(parsed.scenario, saved, { clock: () => l.now, random: seededRandom(1) });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.state.files["/root/note.txt"]).toBe("hi\n");
    expect(r.state.env.NS).toBe("default");
    expect(r.state.history).toHaveLength(4);
    const xwing = objects(r.state.cluster, { plural: "pods" } as never).find((p) => p.metadata.name === "xwing");
    expect(xwing?.metadata.labels?.org).toBe("empire");
  });

  it("saves the newest history that the server takes: ≤ 2,000 commands, ≤ 256 KB, none over 64 KB", () => {
    const l = lab();
    const history = [...Array.from({ length: 2500 }, (_, i) => `echo ${i}`), "x".repeat(70 * 1024), "echo last"];
    const saved = serializeShell({ ...l.state, history }).history;
    expect(saved).toHaveLength(2000);
    expect(saved.at(-1)).toBe("echo last");
    expect(saved[0]).toBe("echo 501");
    const big = Array.from({ length: 10 }, (_, i) => `${i}${"y".repeat(60 * 1024)}`);
    const kept = serializeShell({ ...l.state, history: big }).history;
    expect(kept.map((h) => h[0])).toEqual(["6", "7", "8", "9"]);
    expect(kept.join("").length).toBeLessThanOrEqual(256 * 1024);
    const small = ["echo a", "echo b"];
    expect(serializeShell({ ...l.state, history: small }).history).toBe(small);
  });
});
