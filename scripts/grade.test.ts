import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { gradePublic } from "@/lib/jobs/grade";
import { loadChallenge } from "@/lib/content/challenges";
import { gradeCli } from "./grade";

const dir = mkdtempSync(path.join(tmpdir(), "policy-lab-grade-"));
const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};
const RULE = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: imperial-airspace
spec:
  endpointSelector:
    matchLabels:
      class: deathstar
  ingress:
  - fromEndpoints:
    - matchLabels:
        org: empire
    toPorts:
    - ports:
      - port: "80"
        protocol: TCP
`;

describe("npm run grade", () => {
  it("prints exactly the JSON the API returns for the same manifests, and exits 0 on a pass", () => {
    const out = gradeCli(["imperial-airspace", file("ok.yaml", RULE)]);
    expect(out.code).toBe(0);
    if (out.code !== 0) return;
    const loaded = loadChallenge("imperial-airspace");
    if (!loaded) throw new Error("missing challenge");
    const api = gradePublic(loaded, { kind: "manifests", text: RULE, source: "manifests.yaml" });
    expect(out.stdout).toBe(`${JSON.stringify(api)}\n`);
    expect(JSON.parse(out.stdout)).toMatchObject({ passed: true, score: 100 });
  });

  it("exits 0 with a failing grade; --full adds hidden details, the default never does", () => {
    const empty = file("empty.yaml", "");
    const out = gradeCli(["imperial-airspace", empty]);
    expect(out.code).toBe(0);
    if (out.code !== 0) return;
    const graded = JSON.parse(out.stdout) as { passed: boolean; checks: { hidden: boolean; details?: unknown }[] };
    expect(graded.passed).toBe(false);
    for (const c of graded.checks) if (c.hidden) expect(c.details).toBeUndefined();
    const full = gradeCli(["imperial-airspace", empty, "--full"]);
    if (full.code !== 0) throw new Error(full.stderr);
    const author = JSON.parse(full.stdout) as { checks: { hidden: boolean; passed: boolean; details: unknown[] }[] };
    expect(author.checks.some((c) => c.hidden && !c.passed && c.details.length > 0)).toBe(true);
  });

  it("grades attempt bodies (.json) and shell scripts (.sh) the same way", () => {
    const viaJson = gradeCli([
      "imperial-airspace",
      file("a.json", JSON.stringify({ journal: [{ op: "apply", source: "STDIN", text: RULE }], commands: [] })),
    ]);
    const viaSh = gradeCli(["imperial-airspace", file("a.sh", `cat <<EOT | kubectl apply -f -\n${RULE}EOT\n`)]);
    expect(viaJson).toEqual(viaSh);
    expect(viaJson.code === 0 && JSON.parse(viaJson.stdout).passed).toBe(true);
  });

  it("usage errors exit 2", () => {
    expect(gradeCli([]).code).toBe(2);
    expect(gradeCli(["no-such-challenge", file("x.yaml", RULE)]).code).toBe(2);
    expect(gradeCli(["imperial-airspace", path.join(dir, "missing.yaml")]).code).toBe(2);
    expect(gradeCli(["imperial-airspace", file("x.txt", "")]).code).toBe(2);
    expect(gradeCli(["imperial-airspace", file("bad.json", "{")]).code).toBe(2);
    expect(
      gradeCli(["imperial-airspace", file("claim.json", '{"journal":[],"commands":[],"passed":true}')]),
    ).toMatchObject({ code: 2, stderr: expect.stringMatching(/unexpected field "passed"/) });
    expect(gradeCli(["imperial-airspace", file("ok2.yaml", RULE), "--bogus"]).code).toBe(2);
  });
});
