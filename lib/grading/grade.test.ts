import { describe, expect, it } from "vitest";
import { RULE1, challenge, deps, lab } from "@/lib/testing/grading-fixtures";
import { grade, scoreOf, UNTOUCHED_HIDDEN_HINT } from "./grade";
import { hiddenWrongFlows, redact } from "./redact";
import type { FlowDetail } from "./types";

const CHECKS = `
checks:
  - name: empire-lands
    title: The TIE fighter lands
    weight: 2
    check:
      type: flows
      flows:
        - { from: default/tiefighter, to: svc:default/deathstar, port: 80, expect: allowed }
    hint: "plain hint"
  - name: rebels-dropped
    title: The X-wing is dropped
    check:
      type: flows
      flows:
        - { from: default/xwing, to: svc:default/deathstar, port: 80, expect: dropped }
    hints:
      - when: { errors: true }
        text: "errors hint"
      - when: { flow: { from: default/xwing, actual: allowed }, state: { type: resource, kind: CiliumNetworkPolicy, count: { max: 0 } } }
        text: "no policy at all"
      - when: { flow: { from: default/xwing, actual: allowed } }
        text: "the xwing got in"
    hint: "fallback"
  - name: whole-alliance
    title: "Hidden: the Y-wing is dropped"
    hidden: true
    needs: [rebels-dropped]
    weight: 3
    check:
      type: flows
      flows:
        - { from: default/ywing, to: svc:default/deathstar, port: 80, expect: dropped }
    hint: "hidden hint"
`;
const c = challenge("starwars-fleet", CHECKS);
const manifests = (text: string) => ({ kind: "manifests" as const, text });
const journal = (ops: unknown[]) => ({
  kind: "journal" as const,
  journal: ops as never,
  commands: ["kubectl apply -f rule1.yaml"],
});

describe("grade", () => {
  it("the starting state fails; needs block; hints pick by flow and state; score is the weighted share", () => {
    const r = grade(c, manifests(""), deps());
    expect(r.passed).toBe(false);
    expect(r.checks.map((x) => [x.name, x.status])).toEqual([
      ["empire-lands", "passed"],
      ["rebels-dropped", "failed"],
      ["whole-alliance", "blocked"],
    ]);
    expect(r.checks[1]?.hint).toBe("no policy at all");
    expect(r.checks[2]).toMatchObject({ blockedBy: ["rebels-dropped"], details: [] });
    expect(r.checks[0]?.hint).toBeUndefined();
    expect(r.score).toBe(33); // 2 of 6
  });

  it("passes with the right policy, via manifests or an equivalent journal, with identical results", () => {
    const viaManifests = grade(c, manifests(RULE1), deps());
    expect(viaManifests).toMatchObject({ passed: true, score: 100, errors: [] });
    const viaJournal = grade(c, journal([{ op: "apply", source: "rule1.yaml", text: RULE1 }]), deps());
    expect(viaJournal.checks).toEqual(viaManifests.checks);
    // Deterministic: the same submission grades to the same JSON.
    expect(JSON.stringify(grade(c, manifests(RULE1), deps()))).toBe(JSON.stringify(viaManifests));
  });

  it("a policy that only fits the visible checks fails the hidden one", () => {
    const deniesXwingOnly = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: { name: deny-xwing }
spec:
  endpointSelector: { matchLabels: { class: deathstar } }
  ingress: [{ fromEntities: [all] }]
  ingressDeny: [{ fromEndpoints: [{ matchLabels: { class: xwing } }] }]
`;
    const r2 = grade(c, manifests(deniesXwingOnly), deps());
    expect(r2.passed).toBe(false);
    expect(r2.checks.map((x) => x.status)).toEqual(["passed", "passed", "failed"]);
    expect(r2.checks[2]?.hint).toBe("hidden hint");
    expect(r2.score).toBe(50);
  });

  it("a failed hidden check on an untouched cluster gets a neutral hint, not one that assumes a wrong attempt", () => {
    const open = challenge("starwars-fleet", CHECKS.replace("    needs: [rebels-dropped]\n", ""));
    const untouched = grade(open, manifests(""), deps());
    expect(untouched.checks[2]).toMatchObject({ status: "failed", hint: UNTOUCHED_HIDDEN_HINT });
    // a connection alone changes nothing graded
    expect(
      grade(
        open,
        journal([
          {
            op: "connect",
            request: {
              from: { kind: "pod", namespace: "default", name: "xwing" },
              host: "deathstar",
              port: 80,
              kind: "tcp",
            },
          },
        ]),
        deps(),
      ).checks[2]?.hint,
    ).toBe(UNTOUCHED_HIDDEN_HINT);
    const tried = grade(
      open,
      manifests(
        "apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: { name: d }\nspec:\n  endpointSelector: { matchLabels: { class: deathstar } }\n  ingress: [{ fromEntities: [all] }]\n  ingressDeny: [{ fromEndpoints: [{ matchLabels: { class: xwing } }] }]\n",
      ),
      deps(),
    );
    expect(tried.checks[2]?.status).toBe("failed");
    expect(tried.checks[2]?.hint).toBe("hidden hint");
  });

  it("reports schema rejections and Cilium-invalid policies as errors, not only as failed flows", () => {
    const rejected = grade(
      c,
      manifests(
        "apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: { name: x }\nspec:\n  endpointSelektor: {}\n",
      ),
      deps(),
    );
    expect(rejected.errors).toEqual([
      expect.objectContaining({
        kind: "rejected",
        message: expect.stringMatching(/unknown field "spec.endpointSelektor"/),
      }),
    ]);
    const invalid = grade(c, manifests(RULE1.replace('port: "80"', 'port: "eighty-thousand-and-one"')), deps());
    expect(invalid.errors).toEqual([
      expect.objectContaining({ kind: "invalid", object: "CiliumNetworkPolicy default/rule1" }),
    ]);
    expect(invalid.checks[1]?.hint).toBe("errors hint");
  });

  it("replays journal operations (labels, settings, deletes) and reports the ones that fail with their index", () => {
    const r = grade(
      c,
      journal([
        { op: "apply", source: "rule1.yaml", text: RULE1 },
        { op: "label", type: "pod", names: ["ywing"], labels: ["org=empire"], overwrite: true },
        {
          op: "connect",
          request: {
            from: { kind: "pod", namespace: "default", name: "xwing" },
            host: "deathstar",
            port: 80,
            kind: "http",
            http: { method: "GET", path: "/v1/" },
          },
        },
        { op: "delete", type: "cnp", names: ["no-such-policy"] },
      ]),
      deps(),
    );
    expect(r.errors).toEqual([
      expect.objectContaining({ kind: "rejected", op: 3, message: expect.stringMatching(/NotFound/) }),
    ]);
    // The relabelled Y-wing is Imperial now, so the hidden check (Y-wing dropped) fails.
    expect(r.checks[2]).toMatchObject({ status: "failed" });
  });

  it("uses a cached starting state without sharing randomness between grades", () => {
    const start = lab("starwars-fleet");
    const a = grade(c, manifests(RULE1), { ...deps(), start });
    const b = grade(c, manifests(RULE1), { ...deps(), start });
    expect(a).toEqual(b);
    expect(a.passed).toBe(true);
  });

  it("a hostile regex in a learner's HTTP rule cannot stall grading (RE2)", () => {
    const evil = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: { name: evil }
spec:
  endpointSelector: { matchLabels: { class: deathstar } }
  ingress:
  - fromEndpoints: [{ matchLabels: { org: empire } }]
    toPorts:
    - ports: [{ port: "80", protocol: TCP }]
      rules:
        http:
        - method: "(P|PO|POS|POST)+"
          path: "/(a+)+(b+)+(c*)*(a|aa)+$"
`;
    const hostile = challenge(
      "starwars-fleet",
      `checks:
  - name: redos
    title: A long path against a backtracking-prone pattern
    check:
      type: flows
      flows:
        - { from: default/tiefighter, to: svc:default/deathstar, port: 80, http: { method: POSTPOSTPOSTPOSTPOSTPOSTPOSTPOSTPOSTPOSTPOSTPOSTPOSTPOSTPOSTPOSTX, path: "/${"a".repeat(30_000)}!" }, expect: denied-l7 }
`,
    );
    const started = performance.now();
    const r = grade(hostile, manifests(evil), deps());
    expect(performance.now() - started).toBeLessThan(3000);
    expect(r.passed).toBe(true);
    expect((r.checks[0]?.details[0] as FlowDetail).actual).toBe("denied-l7");
  });

  it("scoreOf rounds down so that only a full pass scores 100", () => {
    expect(
      scoreOf([
        { weight: 199, passed: true },
        { weight: 1, passed: false },
      ]),
    ).toBe(99);
    expect(scoreOf([{ weight: 1, passed: true }])).toBe(100);
    expect(scoreOf([])).toBe(0);
  });
});

describe("redact", () => {
  it("hidden checks keep name, title, status and hint, never their flows, reasons or details", () => {
    const deniesXwingOnly = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: { name: deny-xwing }
spec:
  endpointSelector: { matchLabels: { class: deathstar } }
  ingress: [{ fromEntities: [all] }]
  ingressDeny: [{ fromEndpoints: [{ matchLabels: { class: xwing } }] }]
`;
    for (const text of ["", RULE1, deniesXwingOnly]) {
      const full = grade(c, manifests(text), deps());
      const pub = redact(full);
      const hidden = pub.checks.find((x) => x.name === "whole-alliance");
      expect(hidden).toBeDefined();
      expect(Object.keys(hidden ?? {}).sort()).toEqual(expect.not.arrayContaining(["details"]));
      // The hidden check is the only one that mentions the Y-wing: its name must not leave the server.
      expect(JSON.stringify(pub)).not.toMatch(/ywing/);
      expect(pub).toMatchObject({ passed: full.passed, score: full.score });
      expect(pub.checks.filter((x) => !x.hidden)).toEqual(full.checks.filter((x) => !x.hidden));
    }
    expect(JSON.stringify(grade(c, manifests(deniesXwingOnly), deps()))).toMatch(/ywing/);
  });

  it("hiddenWrongFlows keeps, for the hosts, only the flows hidden checks got wrong, as verdicts", () => {
    const deniesXwingOnly = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: { name: deny-xwing }
spec:
  endpointSelector: { matchLabels: { class: deathstar } }
  ingress: [{ fromEntities: [all] }]
  ingressDeny: [{ fromEndpoints: [{ matchLabels: { class: xwing } }] }]
`;
    const full = grade(c, manifests(deniesXwingOnly), deps());
    const wrong = hiddenWrongFlows(full);
    const failedHidden = full.checks.filter((x) => x.hidden && !x.passed);
    expect(failedHidden.length).toBeGreaterThan(0);
    expect(wrong.length).toBeGreaterThan(0);
    for (const w of wrong) {
      expect(Object.keys(w).sort()).toEqual(["actual", "check", "expected", "flow"]);
      expect(w.actual).not.toBe(w.expected);
      expect(failedHidden.map((x) => x.name)).toContain(w.check);
    }
    expect(JSON.stringify(wrong)).toMatch(/ywing/);
  });
});
