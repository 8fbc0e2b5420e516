/**
 * Commands that keep running (hubble observe --follow, kubectl get --watch): the result carries a Follow the
 * UI polls with the lab's later states; what it prints is what the real tools print as the lab changes.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { HeadlessLab } from "./transcript";
import type { Follow, RunResult } from "./types";

const root = fileURLToPath(new URL("../../", import.meta.url));
const scenarioText = readFileSync(`${root}content/scenarios/starwars.yaml`, "utf8");
const lab = (): HeadlessLab => new HeadlessLab({ scenarioName: "starwars", scenarioText });

/** Runs `line` in the lab (another terminal) and returns what `follow` prints for the new state. */
function cause(l: HeadlessLab, follow: Follow, line: string): string {
  l.run(line);
  return follow.poll(l.state, l.now).output;
}

function following(r: RunResult): Follow {
  expect(r.follow).toBeDefined();
  return r.follow as Follow;
}

describe("hubble observe --follow", () => {
  it("starts at the newest flow (no rewind) and prints each new flow as the lab records it", () => {
    const l = lab();
    l.run("kubectl exec tiefighter -- curl -s -XPOST deathstar/v1/request-landing");
    const r = l.run("hubble observe --follow");
    expect(r.output).toBe("");
    expect(r.exitCode).toBe(0);
    const f = following(r);
    expect(f.poll(l.state, l.now).output).toBe("");
    const out = cause(l, f, "kubectl exec xwing -- curl -s -XPOST deathstar/v1/request-landing");
    const lines = out.trimEnd().split("\n");
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.every((x) => x.includes("default/xwing"))).toBe(true);
    // the same lines `hubble observe` prints for those flows
    const n = lines.length;
    expect(l.run(`hubble observe --last ${n}`).output).toBe(out);
    // nothing new: nothing printed
    expect(f.poll(l.state, l.now).output).toBe("");
  });

  it("-f with --last N prints the last N first; filters apply to the stream", () => {
    const l = lab();
    l.run("kubectl exec tiefighter -- curl -s -XPOST deathstar/v1/request-landing");
    const r = l.run("hubble observe -f --last 2 --pod xwing");
    expect(r.output).toBe("");
    const f = following(r);
    expect(cause(l, f, "kubectl exec tiefighter -- curl -s -XPOST deathstar/v1/request-landing")).toBe("");
    expect(cause(l, f, "kubectl exec xwing -- curl -s -XPOST deathstar/v1/request-landing")).toContain("default/xwing");
    const last2 = l.run("hubble observe -f --last 2");
    expect(last2.output.trimEnd().split("\n")).toHaveLength(2);
  });

  it("streams through a pipeline: hubble observe -f | grep DROPPED", () => {
    const l = lab();
    l.run(
      "kubectl apply -f https://raw.githubusercontent.com/cilium/cilium/1.19.4/examples/minikube/sw_l3_l4_policy.yaml",
    );
    const f = following(l.run("hubble observe -f | grep DROPPED"));
    expect(cause(l, f, "kubectl exec tiefighter -- curl -s -XPOST deathstar/v1/request-landing")).toBe("");
    const dropped = cause(
      l,
      f,
      "kubectl exec xwing -- curl -s --connect-timeout 1 -XPOST deathstar/v1/request-landing",
    );
    expect(dropped).toMatch(/default\/xwing.*DROPPED/);
    expect(
      dropped
        .trimEnd()
        .split("\n")
        .every((x) => x.includes("DROPPED")),
    ).toBe(true);
  });

  it("-o json streams one object per line; --first and --follow clash", () => {
    const l = lab();
    const f = following(l.run("hubble observe -f -o json"));
    const out = cause(l, f, "kubectl exec xwing -- curl -s -XPOST deathstar/v1/request-landing");
    for (const line of out.trimEnd().split("\n")) expect(JSON.parse(line)).toHaveProperty("flow");
    const clash = l.run("hubble observe --first 3 --follow");
    expect(clash.output).toBe("cannot set both --first and --follow\n");
    expect(clash.exitCode).toBe(1);
    expect(clash.follow).toBeUndefined();
  });

  it("does not follow into a file, and a list stops at the running command", () => {
    const l = lab();
    expect(l.run("hubble observe -f > flows.txt").follow).toBeUndefined();
    const r = l.run("hubble observe -f; echo after");
    expect(r.follow).toBeDefined();
    expect(r.output).not.toContain("after");
  });
});

describe("kubectl get --watch", () => {
  it("prints the table, then a row per change without the header, widths remembered", () => {
    const l = lab();
    const r = l.run("kubectl get pods -w");
    const table = l.run("kubectl get pods").output;
    expect(r.output).toBe(table);
    const f = following(r);
    expect(f.poll(l.state, l.now).output).toBe("");
    const out = cause(l, f, "kubectl label pod xwing ship=x --overwrite");
    const header = table.split("\n")[0] as string;
    const statusAt = header.indexOf("STATUS");
    expect(out.split("\n")).toHaveLength(2);
    expect(out).toMatch(/^xwing +1\/1 +Running +0 +\S+\n$/);
    expect(out.indexOf("Running")).toBe(statusAt);
  });

  it("a rollout shows the new pods and the old ones Terminating", () => {
    const l = lab();
    const f = following(l.run("kubectl get pods --watch"));
    const out = cause(l, f, "kubectl rollout restart deployment deathstar");
    const lines = out.trimEnd().split("\n");
    expect(lines.filter((x) => /^deathstar-\S+ +1\/1 +Running +0 +\d+s$/.test(x))).toHaveLength(2);
    expect(lines.filter((x) => /^deathstar-\S+ +\d\/1 +Terminating /.test(x))).toHaveLength(2);
    expect(lines.some((x) => x.startsWith("NAME"))).toBe(false);
  });

  it("watches other kinds: a CiliumNetworkPolicy appears and goes", () => {
    const l = lab();
    const r = l.run("kubectl get cnp -w");
    // no ClusterNetworkPolicy CRD in the lab by default, so `cnp` is not ambiguous: nothing on stderr
    expect(r.output).toBe("");
    const f = following(r);
    const added = cause(
      l,
      f,
      "kubectl apply -f https://raw.githubusercontent.com/cilium/cilium/1.19.4/examples/minikube/sw_l3_l4_policy.yaml",
    );
    // the first row of a watch that started empty brings the header
    expect(added).toMatch(/^NAME +AGE +VALID\nrule1 +\S+ +True\n$/);
    expect(cause(l, f, "kubectl delete cnp rule1")).toMatch(/^rule1 +\S+ +True\n$/);
  });

  it("one resource type only; a missing name ends it", () => {
    const l = lab();
    const two = l.run("kubectl get pods,svc -w");
    expect(two.stderr).toBe("error: you may only specify a single resource type\n");
    expect(two.follow).toBeUndefined();
    const missing = l.run("kubectl get pod nope -w");
    expect(missing.stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(missing.follow).toBeUndefined();
  });

  it("-o name and -l: a pod that stops matching the selector prints once more", () => {
    const l = lab();
    const r = l.run("kubectl get pods -l org=alliance -w -o name");
    expect(r.output).toBe("pod/xwing\n");
    const f = following(r);
    expect(cause(l, f, "kubectl label pod xwing org=empire --overwrite")).toBe("pod/xwing\n");
    expect(cause(l, f, "kubectl label pod tiefighter class=x --overwrite")).toBe("");
  });
});
