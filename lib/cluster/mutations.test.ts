/** apply / create / delete / label / settings: outcomes and kubectl's exact wording; journal replay. */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { mulberry32 } from "@/lib/engine/fixtures/prng";
import {
  apply,
  create,
  createCluster,
  deleteFromText,
  deleteObjects,
  getObject,
  label,
  listObjects,
  parseJournal,
  parseScenario,
  policyRepository,
  replay,
  setSettings,
  connect,
  type ClusterState,
} from "@/lib/cluster";

const deps = () => ({ clock: () => Date.UTC(2026, 0, 15, 10, 0, 0), random: mulberry32(7) });
const scenario = (() => {
  const p = parseScenario("starwars", readFileSync("content/scenarios/starwars.yaml", "utf8"));
  if (!p.ok) throw new Error("starwars");
  return p.scenario;
})();
const fresh = (): ClusterState => createCluster(scenario, deps());
const RULE = readFileSync("lib/engine/fixtures/sw_l3_l4_l7_policy.yaml", "utf8");

describe("apply", () => {
  test("created, unchanged, configured; generation and last-applied", () => {
    let s = fresh();
    let r = apply(s, RULE, { source: "rule.yaml" });
    expect(r.ok).toBe(true);
    expect(r.outcomes[0]?.line).toBe("ciliumnetworkpolicy.cilium.io/rule1 created");
    s = r.state;
    r = apply(s, RULE, { source: "rule.yaml" });
    expect(r.outcomes[0]?.line).toBe("ciliumnetworkpolicy.cilium.io/rule1 unchanged");
    expect(r.state).toBe(s);
    r = apply(s, RULE.replace('"POST"', '"GET"'), { source: "rule.yaml" });
    expect(r.outcomes[0]?.line).toBe("ciliumnetworkpolicy.cilium.io/rule1 configured");
    const o = getObject(r.state, "cnp", "rule1");
    if (!o.ok) throw new Error(o.diagnostic.message);
    expect(o.value.metadata.generation).toBe(2);
    expect(o.value.metadata.annotations?.["kubectl.kubernetes.io/last-applied-configuration"]).toContain(
      '"kind":"CiliumNetworkPolicy"',
    );
    expect(
      (o.value.status as { conditions: { type: string; status: string; message: string }[] }).conditions[0],
    ).toMatchObject({ type: "Valid", status: "True", message: "Policy validation succeeded" });
    expect(policyRepository(r.state).revision).toBeGreaterThan(policyRepository(s).revision);
  });
  test("three-way merge: removed fields go, server-filled fields stay", () => {
    const withEgress = RULE.replace("  ingress:", "  egress:\n  - toEntities: [world]\n  ingress:");
    let s = apply(fresh(), withEgress, { source: "r.yaml" }).state;
    s = apply(s, RULE, { source: "r.yaml" }).state;
    const o = getObject(s, "cnp", "rule1");
    expect(o.ok && (o.value.spec as Record<string, unknown>).egress).toBeUndefined();
    const created = create(fresh(), RULE.replace('"POST"', '"GET"'), { source: "r.yaml" }).state;
    const r = apply(created, RULE, { source: "r.yaml" });
    expect(r.diagnostics.map((d) => d.code)).toContain("kubectl-warning");
    const pod =
      "apiVersion: v1\nkind: Pod\nmetadata:\n  name: probe\n  labels: {app: probe}\nspec:\n  containers:\n  - name: c\n    image: busybox\n";
    let p = apply(fresh(), pod, { source: "p.yaml" }).state;
    p = apply(p, pod.replace("app: probe", "app: probe2"), { source: "p.yaml" }).state;
    const po = getObject(p, "pod", "probe");
    expect(po.ok && (po.value.spec as { nodeName?: string }).nodeName).toBeTruthy();
    expect(po.ok && po.value.metadata.labels).toEqual({ app: "probe2" });
  });
  test("unknown field → strict decoding error, nothing stored", () => {
    const r = apply(fresh(), RULE.replace("fromEndpoints", "fromEndpoint"), { source: "f.yaml" });
    expect(r.ok).toBe(false);
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      'Error from server (BadRequest): error when creating "f.yaml": CiliumNetworkPolicy in version "v2" cannot be handled as a CiliumNetworkPolicy: strict decoding error: unknown field "spec.ingress[0].fromEndpoint"',
    ]);
    expect(getObject(r.state, "cnp", "rule1").ok).toBe(false);
  });
  test("schema causes → The X is invalid", () => {
    const r = apply(fresh(), RULE.replace('port: "80"', "port: 80").replace("protocol: TCP", "protocol: HTTP"), {
      source: "f.yaml",
    });
    expect(r.diagnostics[0]?.message).toBe(
      'The CiliumNetworkPolicy "rule1" is invalid: \n* spec.ingress[0].toPorts[0].ports[0].port: Invalid value: "integer": spec.ingress[0].toPorts[0].ports[0].port in body must be of type string: "integer"\n* spec.ingress[0].toPorts[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "TCP", "UDP", "SCTP", "VRRP", "IGMP", "ANY"',
    );
  });
  test("YAML errors, unknown kinds, missing kind, empty input", () => {
    expect(apply(fresh(), "a: b: c\n", { source: "bad.yaml" }).diagnostics[0]?.message).toBe(
      "error: error parsing bad.yaml: error converting YAML to JSON: yaml: mapping values are not allowed in this context",
    );
    expect(apply(fresh(), "kind: Pod\nmetadata:\n  name: x: y\n", { source: "bad.yaml" }).diagnostics[0]?.message).toBe(
      "error: error parsing bad.yaml: error converting YAML to JSON: yaml: line 3: mapping values are not allowed in this context",
    );
    expect(
      apply(fresh(), RULE.replace("kind: CiliumNetworkPolicy", "kind: CiliumNetworkPolicyy"), { source: "typo.yaml" })
        .diagnostics[0]?.message,
    ).toBe(
      'error: resource mapping not found for name: "rule1" namespace: "" from "typo.yaml": no matches for kind "CiliumNetworkPolicyy" in version "cilium.io/v2"\nensure CRDs are installed first',
    );
    expect(
      apply(fresh(), "apiVersion: v1\nmetadata:\n  name: x\n", { source: "nokind.yaml" }).diagnostics[0]?.message,
    ).toMatch(/^error: unable to decode "nokind.yaml": Object 'Kind' is missing in '/);
    expect(apply(fresh(), "", { source: "empty.yaml" }).diagnostics[0]?.message).toBe(
      "error: no objects passed to apply",
    );
  });
  test("multi-document: documents before a broken one are applied", () => {
    const r = apply(fresh(), `${RULE}---\nkind: [\n`, { source: "m.yaml" });
    expect(r.outcomes.map((o) => o.operation)).toEqual(["created"]);
    expect(r.ok).toBe(false);
  });
  test("Cilium-invalid policy is stored with Valid=False and a diagnostic", () => {
    const bad = RULE.replace("endpointSelector", "nodeSelector");
    const r = apply(fresh(), bad, { source: "bad.yaml" });
    expect(r.ok).toBe(true);
    expect(r.diagnostics).toContainEqual(
      expect.objectContaining({
        code: "policy-invalid",
        message: "Invalid CiliumNetworkPolicy spec: rule cannot have NodeSelector",
      }),
    );
    const o = getObject(r.state, "cnp", "rule1");
    expect(o.ok && (o.value.status as { conditions: { status: string }[] }).conditions[0]?.status).toBe("False");
  });
  test("trap warnings", () => {
    const r = apply(
      fresh(),
      'apiVersion: cilium.io/v2\nkind: CiliumClusterwideNetworkPolicy\nmetadata:\n  name: h\nspec:\n  endpointSelector:\n    matchLabels:\n      reserved:host: ""\n  ingress:\n  - toPorts:\n    - ports:\n      - port: "22"\n',
      { source: "h.yaml" },
    );
    expect(r.diagnostics.some((d) => d.code === "policy-warning" && /never the host/.test(d.message))).toBe(true);
  });
  test("create → AlreadyExists", () => {
    const s = create(fresh(), RULE, { source: "rule.yaml" }).state;
    expect(create(s, RULE, { source: "rule.yaml" }).diagnostics[0]?.message).toBe(
      'Error from server (AlreadyExists): error when creating "rule.yaml": ciliumnetworkpolicies.cilium.io "rule1" already exists',
    );
  });
  test("namespace must exist; apply creates pods and deployments", () => {
    expect(
      apply(fresh(), RULE.replace('name: "rule1"', 'name: "rule1"\n  namespace: nope'), { source: "f.yaml" })
        .diagnostics[0]?.message,
    ).toBe('Error from server (NotFound): error when creating "f.yaml": namespaces "nope" not found');
    const r = apply(
      fresh(),
      "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: probe\nspec:\n  replicas: 2\n  selector:\n    matchLabels: {app: probe}\n  template:\n    metadata:\n      labels: {app: probe}\n    spec:\n      containers:\n      - name: c\n        image: busybox\n",
      { source: "d.yaml" },
    );
    expect(r.outcomes[0]?.line).toBe("deployment.apps/probe created");
    const pods = listObjects(r.state, "po", { selector: "app=probe" });
    expect(pods.ok && pods.value.length).toBe(2);
  });
});

describe("delete, label, settings", () => {
  test("delete by name and from text", () => {
    const s = apply(fresh(), RULE, { source: "rule.yaml" }).state;
    expect(deleteObjects(s, { type: "cnp", names: ["rule1"] }).outcomes[0]?.line).toBe(
      'ciliumnetworkpolicy.cilium.io "rule1" deleted from default namespace',
    );
    expect(deleteObjects(s, { type: "cnp", names: ["rule9"] }).diagnostics[0]?.message).toBe(
      'Error from server (NotFound): ciliumnetworkpolicies.cilium.io "rule9" not found',
    );
    expect(deleteFromText(s, RULE, { source: "rule.yaml" }).outcomes[0]?.operation).toBe("deleted");
    expect(deleteObjects(s, { type: "nosuch", names: ["x"] }).diagnostics[0]?.message).toBe(
      'error: the server doesn\'t have a resource type "nosuch"',
    );
  });
  test("label outcomes", () => {
    const s = fresh();
    expect(
      label(s, { type: "pod", names: ["xwing"], labels: ["org=empire"], overwrite: false }).diagnostics[0]?.message,
    ).toBe("error: 'org' already has a value (alliance), and --overwrite is false");
    const r = label(s, { type: "pod", names: ["xwing"], labels: ["org=empire"], overwrite: true });
    expect(r.outcomes[0]?.line).toBe("pod/xwing labeled");
    expect(
      label(r.state, { type: "pod", names: ["xwing"], labels: ["org=empire"], overwrite: true }).outcomes[0]?.line,
    ).toBe("pod/xwing not labeled");
    expect(
      label(r.state, { type: "pod", names: ["xwing"], labels: ["org-"], overwrite: false }).outcomes[0]?.line,
    ).toBe("pod/xwing unlabeled");
    const miss = label(r.state, { type: "pod", names: ["xwing"], labels: ["nosuch-"], overwrite: false });
    expect(miss.diagnostics[0]?.message).toBe('label "nosuch" not found.');
    expect(miss.outcomes[0]?.line).toBe("pod/xwing not labeled");
    // relabelling changes the identity
    const before = getObject(s, "cep", "xwing");
    const after = getObject(r.state, "cep", "xwing");
    expect(
      before.ok &&
        after.ok &&
        (before.value.status as { identity: { id: number } }).identity.id !==
          (after.value.status as { identity: { id: number } }).identity.id,
    ).toBe(true);
  });
  test("settings", () => {
    const r = setSettings(fresh(), { enforcementMode: "always" });
    expect(r.state.settings.enforcementMode).toBe("always");
    expect(r.state.journal.at(-1)).toEqual({
      op: "setting",
      settings: { enforcementMode: "always" },
      at: Date.UTC(2026, 0, 15, 10, 0, 0),
    });
  });
});

describe("namespace option (kubectl -n)", () => {
  const NS = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n";
  const PLAIN =
    'apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n  name: p\nspec:\n  endpointSelector: {}\n  ingress:\n  - fromEntities: ["cluster"]\n';
  const IN_A = PLAIN.replace("  name: p\n", "  name: q\n  namespace: a\n");
  const CCNP =
    'apiVersion: cilium.io/v2\nkind: CiliumClusterwideNetworkPolicy\nmetadata:\n  name: c\nspec:\n  endpointSelector: {}\n  ingress:\n  - fromEntities: ["cluster"]\n';
  test("documents without a namespace go to it; cluster-scoped kinds ignore it; it is journaled", () => {
    const s = apply(fresh(), NS, { source: "ns.yaml" }).state;
    const r = apply(s, `${PLAIN}---\n${CCNP}`, { source: "f.yaml", namespace: "a" });
    expect(r.ok).toBe(true);
    expect(getObject(r.state, "cnp", "p", "a").ok).toBe(true);
    expect(getObject(r.state, "cnp", "p", "default").ok).toBe(false);
    const c = getObject(r.state, "ccnp", "c");
    expect(c.ok && c.value.metadata.namespace).toBe(undefined);
    expect(r.state.journal.at(-1)).toEqual({
      op: "apply",
      source: "f.yaml",
      text: `${PLAIN}---\n${CCNP}`,
      namespace: "a",
      at: Date.UTC(2026, 0, 15, 10, 0, 0),
    });
    const p = getObject(r.state, "cnp", "p", "a");
    expect(p.ok && p.value.metadata.annotations?.["kubectl.kubernetes.io/last-applied-configuration"]).toContain(
      '"namespace":"a"',
    );
    const parsed = parseJournal(JSON.parse(JSON.stringify(r.state.journal)));
    if (!parsed.ok) throw new Error(parsed.error);
    expect(getObject(replay(scenario, parsed.journal, deps()).state, "cnp", "p", "a").ok).toBe(true);
  });
  test("a document naming another namespace fails like kubectl; the others are applied", () => {
    const s = apply(fresh(), NS, { source: "ns.yaml" }).state;
    const r = apply(s, `${IN_A}---\n${PLAIN}`, { source: "f.yaml", namespace: "default" });
    expect(r.ok).toBe(false);
    expect(r.outcomes.map((o) => o.line)).toEqual(["ciliumnetworkpolicy.cilium.io/p created"]);
    expect(r.diagnostics.filter((d) => d.severity === "error").map((d) => d.message)).toEqual([
      'error: the namespace from the provided object "a" does not match the namespace "default". You must pass \'--namespace=a\' to perform this operation.',
    ]);
    expect(getObject(r.state, "cnp", "q", "a").ok).toBe(false);
    expect(create(s, IN_A, { source: "f.yaml", namespace: "b" }).diagnostics[0]?.code).toBe("namespace-mismatch");
  });
  test("deleteFromText honours it too", () => {
    let s = apply(fresh(), NS, { source: "ns.yaml" }).state;
    s = apply(s, PLAIN, { source: "f.yaml", namespace: "a" }).state;
    const r = deleteFromText(s, PLAIN, { source: "f.yaml", namespace: "a" });
    expect(r.outcomes.map((o) => o.line)).toEqual(['ciliumnetworkpolicy.cilium.io "p" deleted from a namespace']);
    expect(r.state.journal.at(-1)).toMatchObject({ op: "delete-text", namespace: "a" });
    expect(deleteFromText(s, IN_A, { source: "f.yaml", namespace: "default" }).diagnostics[0]?.code).toBe(
      "namespace-mismatch",
    );
  });
});

describe("journal", () => {
  test("replay rebuilds the same state", () => {
    let s = fresh();
    s = apply(s, RULE, { source: "rule.yaml" }).state;
    s = label(s, { type: "pod", names: ["xwing"], labels: ["org=empire"], overwrite: true }).state;
    s = connect(s, {
      from: { kind: "pod", namespace: "default", name: "xwing" },
      host: "deathstar",
      port: 80,
      kind: "http",
      http: { method: "POST", path: "/v1/request-landing" },
    }).state;
    s = setSettings(s, { hostFirewall: true }).state;
    const parsed = parseJournal(JSON.parse(JSON.stringify(s.journal)));
    if (!parsed.ok) throw new Error(parsed.error);
    const r = replay(scenario, parsed.journal, deps());
    expect(r.failures).toEqual([]);
    expect(JSON.stringify([...r.state.objects])).toBe(JSON.stringify([...s.objects]));
    expect(r.state.flows).toEqual(s.flows);
    expect(r.state.settings).toEqual(s.settings);
  });
  test("replay keeps the times operations ran (a reloaded lab's policy ages go on, not restart)", () => {
    const s = apply(fresh(), RULE, { source: "rule.yaml" }).state;
    const later = { clock: () => Date.UTC(2026, 0, 15, 10, 5, 0), random: mulberry32(7) };
    const parsed = parseJournal(JSON.parse(JSON.stringify(s.journal)));
    if (!parsed.ok) throw new Error(parsed.error);
    const r = replay(scenario, parsed.journal, later);
    const created = (st: typeof s) =>
      [...st.objects.values()].find((o) => o.object.kind === "CiliumNetworkPolicy")?.object.metadata.creationTimestamp;
    expect(created(r.state)).toBe(created(s));
    expect(created(r.state)).toBe("2026-01-15T10:00:00Z");
  });
  test("parseJournal rejects junk and oversize input", () => {
    expect(parseJournal([{ op: "rm -rf" }]).ok).toBe(false);
    expect(parseJournal([{ op: "apply", source: "x", text: "x".repeat(300_000) }]).ok).toBe(false);
    expect(parseJournal("nope").ok).toBe(false);
  });
});
