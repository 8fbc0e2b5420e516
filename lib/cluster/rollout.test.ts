/** Deployments keep their ReplicaSet and pods while the pod template is unchanged; rollout restart rolls them. */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { mulberry32 } from "@/lib/engine/fixtures/prng";
import {
  apply,
  ciliumEndpoints,
  createCluster,
  listObjects,
  parseJournal,
  parseScenario,
  replay,
  rolloutRestart,
  type ClusterState,
  type KubeObject,
} from "@/lib/cluster";

const deps = (seed = 7) => ({ clock: () => Date.UTC(2026, 0, 15, 10, 0, 0), random: mulberry32(seed) });
const scenario = (() => {
  const p = parseScenario("starwars", readFileSync("content/scenarios/starwars.yaml", "utf8"));
  if (!p.ok) throw new Error("starwars");
  return p.scenario;
})();
const fresh = (seed = 7): ClusterState => createCluster(scenario, deps(seed));
const names = (s: ClusterState, ns: string, prefix: string): string[] => {
  const r = listObjects(s, "pods", { namespace: ns });
  return r.ok ? r.value.map((p) => p.metadata.name).filter((n) => n.startsWith(prefix)) : [];
};
const list = (s: ClusterState, type: string, ns = "default"): KubeObject[] => {
  const r = listObjects(s, type, { namespace: ns });
  return r.ok ? r.value : [];
};

/** The deathstar part of the Star Wars demo's http-sw-app.yaml. */
const DEATHSTAR = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: deathstar
  labels:
    app.kubernetes.io/name: deathstar
spec:
  replicas: 2
  selector:
    matchLabels:
      org: empire
      class: deathstar
  template:
    metadata:
      labels:
        org: empire
        class: deathstar
        app.kubernetes.io/name: deathstar
    spec:
      containers:
      - name: deathstar
        image: quay.io/cilium/starwars:v2.1@sha256:833d915ec68fca3ce83668fc5dae97c455b2134d8f23ef96586f55b894cfb1e8
`;
const WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
      - name: web
        image: nginx:1.27
`;

describe("pod-template-hash", () => {
  test("re-applying the demo's unchanged deathstar Deployment keeps its ReplicaSet and pods", () => {
    const s = fresh();
    const r = apply(s, DEATHSTAR, { source: "http-sw-app.yaml" });
    expect(r.ok).toBe(true);
    expect(names(r.state, "default", "deathstar-")).toEqual([
      "deathstar-86f85ffb4d-7d86t",
      "deathstar-86f85ffb4d-dxp9z",
    ]);
    expect(list(r.state, "rs").map((o) => o.metadata.name)).toEqual(["deathstar-86f85ffb4d"]);
  });
  test("the hash is a function of the template; an unchanged re-apply keeps pods, a changed template rolls them", () => {
    const a = apply(fresh(1), WEB, { source: "web.yaml" }).state;
    const b = apply(fresh(2), WEB, { source: "web.yaml" }).state;
    const rsA = list(a, "rs").filter((o) => o.metadata.name.startsWith("web-"));
    expect(rsA).toHaveLength(1);
    expect(rsA.map((o) => o.metadata.name)).toEqual(
      list(b, "rs")
        .filter((o) => o.metadata.name.startsWith("web-"))
        .map((o) => o.metadata.name),
    );
    const hash = rsA[0]?.metadata.labels?.["pod-template-hash"] ?? "";
    expect(hash).toMatch(/^[4-9bcdf]{6,10}$/);
    const again = apply(a, WEB.replace("replicas: 2", "replicas: 2\n  minReadySeconds: 0"), {
      source: "web.yaml",
    }).state;
    expect(names(again, "default", "web-")).toEqual(names(a, "default", "web-"));
    const rolled = apply(again, WEB.replace("nginx:1.27", "nginx:1.28"), { source: "web.yaml" }).state;
    const fresh2 = names(rolled, "default", "web-");
    expect(fresh2).toHaveLength(2);
    expect(fresh2.every((n) => !n.startsWith(`web-${hash}-`))).toBe(true);
    const rs = list(rolled, "rs").filter((o) => o.metadata.name.startsWith("web-"));
    expect(rs.map((o) => (o.spec as { replicas: number }).replicas).sort()).toEqual([0, 2]);
    // back to the old template: the old ReplicaSet (and hash) comes back, as a rollback does
    const back = apply(rolled, WEB, { source: "web.yaml" }).state;
    expect(names(back, "default", "web-").every((n) => n.startsWith(`web-${hash}-`))).toBe(true);
  });
});

describe("rolloutRestart", () => {
  test("ds/cilium: new pod names on the same nodes, labels and endpoints unchanged", () => {
    const s = fresh();
    const before = list(s, "pods", "kube-system").filter((p) => p.metadata.labels?.["k8s-app"] === "cilium");
    const r = rolloutRestart(s, { type: "ds", names: ["cilium"], namespace: "kube-system" });
    expect(r.ok).toBe(true);
    expect(r.outcomes.map((o) => o.line)).toEqual(["daemonset.apps/cilium restarted"]);
    const after = list(r.state, "pods", "kube-system").filter((p) => p.metadata.labels?.["k8s-app"] === "cilium");
    expect(after).toHaveLength(before.length);
    expect(after.some((p) => before.some((b) => b.metadata.name === p.metadata.name))).toBe(false);
    expect(after.map((p) => (p.spec as { nodeName: string }).nodeName).sort()).toEqual(
      before.map((p) => (p.spec as { nodeName: string }).nodeName).sort(),
    );
    expect(after.every((p) => p.metadata.creationTimestamp === "2026-01-15T10:00:00Z")).toBe(true);
    expect(after[0]?.metadata.labels?.["pod-template-generation"]).toBe("2");
    const ds = list(r.state, "ds", "kube-system").find((d) => d.metadata.name === "cilium");
    expect(JSON.stringify(ds?.spec)).toContain('"kubectl.kubernetes.io/restartedAt":"2026-01-15T10:00:00Z"');
    expect(ciliumEndpoints(r.state).map((e) => [e.identity, e.labels])).toEqual(
      ciliumEndpoints(s).map((e) => [e.identity, e.labels]),
    );
  });
  test("deployment/deathstar: a new ReplicaSet with fresh pods; identities stay; replay reproduces it", () => {
    const s = fresh();
    const r = rolloutRestart(s, { type: "deployment", names: ["deathstar"] });
    expect(r.outcomes.map((o) => o.line)).toEqual(["deployment.apps/deathstar restarted"]);
    const pods = names(r.state, "default", "deathstar-");
    expect(pods).toHaveLength(2);
    expect(pods.some((n) => n.startsWith("deathstar-86f85ffb4d-"))).toBe(false);
    const rs = list(r.state, "rs").filter((o) => o.metadata.name.startsWith("deathstar-"));
    expect(
      rs.map((o) => [o.metadata.name === "deathstar-86f85ffb4d", (o.spec as { replicas: number }).replicas]).sort(),
    ).toEqual([
      [false, 2],
      [true, 0],
    ]);
    const ids = (st: ClusterState) =>
      ciliumEndpoints(st)
        .filter((e) => e.pod?.startsWith("deathstar-"))
        .map((e) => e.identity);
    expect(ids(r.state)).toEqual(ids(s));
    const parsed = parseJournal(JSON.parse(JSON.stringify(r.state.journal)));
    if (!parsed.ok) throw new Error(parsed.error);
    const again = replay(scenario, parsed.journal, deps());
    expect(again.failures).toEqual([]);
    expect(names(again.state, "default", "deathstar-")).toEqual(pods);
  });
  test("a type alone restarts all of them in the namespace; -l narrows by labels", () => {
    const s = fresh();
    expect(rolloutRestart(s, { type: "ds", names: [], namespace: "kube-system" }).outcomes.map((o) => o.line)).toEqual([
      "daemonset.apps/cilium restarted",
      "daemonset.apps/cilium-envoy restarted",
    ]);
    expect(
      rolloutRestart(s, { type: "ds", names: [], namespace: "kube-system", selector: "k8s-app=cilium" }).outcomes.map(
        (o) => o.line,
      ),
    ).toEqual(["daemonset.apps/cilium restarted"]);
  });
  // The lab-save route replays with `random: () => 0.5`: every random pod suffix is the same, so the second
  // replacement pod used to collide with the first forever (issue 10: the save never returned).
  describe("with a random source that repeats itself", () => {
    const constant = () => ({ clock: () => Date.UTC(2026, 0, 15, 10, 0, 0), random: () => 0.5 });
    const still = (): ClusterState => createCluster(scenario, constant());
    test("deployment/deathstar returns, with two distinct new pods", () => {
      const r = rolloutRestart(still(), { type: "deployment", names: ["deathstar"] });
      expect(r.ok).toBe(true);
      const pods = names(r.state, "default", "deathstar-");
      expect(pods).toHaveLength(2);
      expect(new Set(pods).size).toBe(2);
    });
    test("ds/cilium returns, one new pod per node it ran on", () => {
      const s = still();
      const cilium = (st: ClusterState) =>
        list(st, "pods", "kube-system").filter((p) => p.metadata.labels?.["k8s-app"] === "cilium");
      const r = rolloutRestart(s, { type: "ds", names: ["cilium"], namespace: "kube-system" });
      expect(r.ok).toBe(true);
      expect(cilium(r.state)).toHaveLength(cilium(s).length);
      expect(new Set(cilium(r.state).map((p) => (p.spec as { nodeName: string }).nodeName)).size).toBe(
        cilium(s).length,
      );
    });
    test("a saved journal with both restarts (and a second round) replays", () => {
      const journal = parseJournal([
        { op: "restart", type: "deploy", names: ["deathstar"] },
        { op: "restart", type: "ds", names: ["cilium"], namespace: "kube-system" },
        { op: "restart", type: "deployment", names: [] },
        { op: "restart", type: "daemonset", names: [], namespace: "kube-system" },
      ]);
      if (!journal.ok) throw new Error(journal.error);
      let t = Date.UTC(2026, 0, 15, 10, 0, 0);
      const r = replay(scenario, journal.journal, { clock: () => (t += 1000), random: () => 0.5 });
      expect(r.failures).toEqual([]);
      const pods = list(r.state, "pods", "default").map((p) => p.metadata.name);
      expect(new Set(pods).size).toBe(pods.length);
      expect(names(r.state, "default", "deathstar-")).toHaveLength(2);
    });
  });
  test("errors: unknown names, kinds that cannot restart, twice in the same second", () => {
    const s = fresh();
    expect(rolloutRestart(s, { type: "deploy", names: ["nope"] }).diagnostics[0]?.message).toBe(
      'Error from server (NotFound): deployments.apps "nope" not found',
    );
    expect(rolloutRestart(s, { type: "pod", names: ["xwing"] }).diagnostics[0]?.message).toBe(
      'error: pods "xwing" restarting is not supported',
    );
    const once = rolloutRestart(s, { type: "ds", names: ["cilium"], namespace: "kube-system" }).state;
    expect(
      rolloutRestart(once, { type: "ds", names: ["cilium"], namespace: "kube-system" }).diagnostics[0]?.message,
    ).toMatch(
      /^error: failed to create patch for cilium: if restart has already been triggered within the past second/,
    );
  });
});
