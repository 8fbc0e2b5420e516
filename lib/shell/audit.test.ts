/**
 * Policy audit mode through the tools a learner uses (Documentation/gettingstarted/policy-creation.rst):
 * `cilium config set policy-audit-mode true` / helm, `cilium-dbg endpoint config ID PolicyAuditMode=Enabled`,
 * the endpoint list's `Disabled (Audit)`, and `hubble observe` reporting AUDITED policy verdicts for flows
 * that are forwarded instead of dropped.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { HeadlessLab } from "./transcript";

const root = fileURLToPath(new URL("../../", import.meta.url));
const scenarioText = readFileSync(`${root}content/scenarios/starwars.yaml`, "utf8");
const POLICY =
  "kubectl apply -f https://raw.githubusercontent.com/cilium/cilium/1.20.1/examples/minikube/sw_l3_l4_policy.yaml";
const XWING =
  "kubectl exec xwing -- curl -s --connect-timeout 2 -XPOST deathstar.default.svc.cluster.local/v1/request-landing";
const dbg = (lab: HeadlessLab, node: string, cmd: string) =>
  lab.run(`kubectl -n kube-system exec ${node} -- cilium-dbg ${cmd}`);

function agentOf(lab: HeadlessLab, podNode: string): string {
  const out = lab.run("kubectl -n kube-system get pods -l k8s-app=cilium -o wide").stdout.split("\n");
  const row = out.find((l) => l.includes(podNode));
  return (row ?? "").split(/\s+/)[0] ?? "";
}

describe("policy audit mode", () => {
  it("global: drops become AUDITED verdicts and the request goes through; endpoint list shows Disabled (Audit)", () => {
    const lab = new HeadlessLab({ scenarioName: "starwars", scenarioText, seed: 3 });
    lab.run(POLICY);
    expect(lab.run(XWING).exitCode).not.toBe(0);
    expect(lab.run("cilium config set policy-audit-mode true").stdout).toBe(
      "✨ Patching ConfigMap cilium-config with policy-audit-mode=true...\n♻️  Restarted Cilium pods\n",
    );
    expect(lab.run("cilium config view").stdout).toMatch(/^policy-audit-mode\s+true$/m);
    const r = lab.run(XWING);
    expect(r.stdout).toBe("Ship landed\n");
    const audited = lab.run("hubble observe --from-pod default/xwing --type policy-verdict --last 1").stdout;
    expect(audited).toMatch(
      /default\/xwing:\d+ \(ID:\d+\) <> default\/deathstar-[a-z0-9-]+:80 \(ID:\d+\) policy-verdict:none INGRESS AUDITED \(TCP Flags: SYN\)\n$/,
    );
    expect(lab.run("hubble observe --verdict AUDIT --last 5").stdout).toContain("AUDITED");
    const ds = lab.run("kubectl get pods -l class=deathstar -o wide").stdout.split("\n")[1]?.split(/\s+/) ?? [];
    const list = dbg(lab, agentOf(lab, ds[6] ?? ""), "endpoint list").stdout;
    expect(list).toMatch(/Disabled \(Audit\)\s+Disabled\s+\d+\s+k8s:app\.kubernetes\.io\/name=deathstar/);
    lab.run("cilium config set policy-audit-mode false");
    expect(lab.run(XWING).exitCode).not.toBe(0);
    expect(
      lab.run("helm upgrade cilium cilium/cilium -n kube-system --reuse-values --set policyAuditMode=true").exitCode,
    ).toBe(0);
    expect(lab.run("cilium config view").stdout).toMatch(/^policy-audit-mode\s+true$/m);
    expect(lab.run(XWING).stdout).toBe("Ship landed\n");
  });

  it("per endpoint: cilium-dbg endpoint config ID PolicyAuditMode=Enabled audits only that endpoint", () => {
    const lab = new HeadlessLab({ scenarioName: "starwars", scenarioText, seed: 3 });
    lab.run(POLICY);
    const ds = lab
      .run("kubectl get pods -l class=deathstar -o wide")
      .stdout.split("\n")
      .slice(1)
      .filter(Boolean)
      .map((l) => l.split(/\s+/));
    const [name, node] = [ds[0]?.[0] ?? "", ds[0]?.[6] ?? ""];
    const agent = agentOf(lab, node);
    const row = dbg(lab, agent, "endpoint list")
      .stdout.split("\n")
      .find((l) => /^\d+\s+Enabled/.test(l) && l.includes("k8s:app.kubernetes.io/name=deathstar"));
    const id = (row ?? "").split(/\s+/)[0] ?? "";
    expect(dbg(lab, agent, `endpoint config ${id}`).stdout).toContain(`${"PolicyAuditMode".padEnd(34)}: Disabled\n`);
    expect(dbg(lab, agent, `endpoint config ${id} PolicyAuditMode=Enabled`).stdout).toBe(
      `Endpoint ${id} configuration updated successfully\n`,
    );
    expect(dbg(lab, agent, `endpoint config ${id}`).stdout).toContain(`${"PolicyAuditMode".padEnd(34)}: Enabled\n`);
    expect(
      dbg(lab, agent, "endpoint list")
        .stdout.split("\n")
        .find((l) => l.startsWith(`${id} `)),
    ).toMatch(/Disabled \(Audit\)/);
    expect(
      lab.run(`kubectl exec xwing -- curl -s --connect-timeout 2 -XPOST ${podIP(lab, name)}/v1/request-landing`).stdout,
    ).toBe("Ship landed\n");
    const other = ds[1]?.[0] ?? "";
    expect(
      lab.run(`kubectl exec xwing -- curl -s --connect-timeout 2 -XPOST ${podIP(lab, other)}/v1/request-landing`)
        .exitCode,
    ).not.toBe(0);
    expect(dbg(lab, agent, "endpoint config 9999 PolicyAuditMode=Enabled").stderr).toContain(
      "Cannot get configuration of endpoint 9999",
    );
  });
});

function podIP(lab: HeadlessLab, name: string): string {
  return lab.run(`kubectl get pod ${name} -o jsonpath={.status.podIP}`).stdout.trim();
}
