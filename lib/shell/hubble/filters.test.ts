/** hubble observe filters: flows_filter.go's left/right trackers, --not, conflicts, and the server-side matchers. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { HeadlessLab } from "../transcript";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const scenarioText = readFileSync(`${root}content/scenarios/starwars.yaml`, "utf8");

// tiefighter 10.244.1.197, xwing 10.244.2.34, deathstar pods 10.244.1.238 / 10.244.2.32, coredns 10.244.0.131/.135
let lab: HeadlessLab;
const lines = (cmd: string): string[] =>
  lab
    .run(`${cmd} --all`)
    .stdout.split("\n")
    .filter((l) => l !== "");
const err = (cmd: string): string => lab.run(cmd).stderr;

beforeAll(() => {
  lab = new HeadlessLab({ scenarioName: "starwars", scenarioText, seed: 3 });
  lab.run("kubectl exec tiefighter -- curl -s -XPOST deathstar.default.svc.cluster.local/v1/request-landing");
  lab.run("kubectl exec xwing -- curl -s -XPOST 10.96.120.52/v1/request-landing");
  lab.run(
    "kubectl apply -f https://raw.githubusercontent.com/cilium/cilium/1.19.4/examples/minikube/sw_l3_l4_policy.yaml",
  );
  lab.run("kubectl exec xwing -- curl -s --connect-timeout 2 -XPOST 10.96.120.52/v1/request-landing");
});

describe("hubble observe filters", () => {
  it("--ip matches either side; --from-ip / --to-ip one side; repeated values OR; CIDRs work", () => {
    const xwing = lines("hubble observe --ip 10.244.2.34");
    expect(xwing.length).toBeGreaterThan(0);
    expect(xwing.every((l) => l.includes("default/xwing"))).toBe(true);
    const from = lines("hubble observe --from-ip 10.244.2.34");
    // replies come from the server, so they are not "from" xwing
    expect(from.every((l) => / default\/xwing:\d+ \(ID:\d+\) (->|<>) /.test(l))).toBe(true);
    expect(from.length).toBeLessThan(xwing.length);
    const to = lines("hubble observe --to-ip 10.244.2.34");
    expect(to.every((l) => l.includes(" <- "))).toBe(true);
    expect(from.length + to.length).toBe(xwing.length);
    const both = lines("hubble observe --from-ip 10.244.2.34 --from-ip 10.244.1.197");
    expect(both.length).toBe(from.length + lines("hubble observe --from-ip 10.244.1.197").length);
    expect(lines("hubble observe --ip 10.244.2.0/24").length).toBeGreaterThanOrEqual(xwing.length);
    expect(err("hubble observe --ip 10.0.0.300")).toBe('invalid IP address in filter: "10.0.0.300"\n');
    expect(err("hubble observe --ip 10.0.0.0/40")).toBe('invalid CIDR in filter: "10.0.0.0/40"\n');
  });
  it("labels, identities and ports", () => {
    const empire = lines("hubble observe --from-label org=empire");
    expect(empire.length).toBeGreaterThan(0);
    // a reply's source is the server (deathstar, org=empire): printed on the right of "<-"
    expect(
      empire.every((l) => /default\/tiefighter:\d+ \(ID:\d+\) (->|<>) /.test(l) || / <- default\/deathstar/.test(l)),
    ).toBe(true);
    expect(lines("hubble observe --from-label k8s:org=empire")).toEqual(empire);
    expect(lines("hubble observe -l class=xwing")).toEqual(lines("hubble observe --pod xwing"));
    expect(lines("hubble observe --identity 1071")).toEqual(lines("hubble observe --pod xwing"));
    expect(lines("hubble observe --to-identity 25125").every((l) => /-> kube-system\/coredns/.test(l))).toBe(true);
    expect(err("hubble observe --identity wrld")).toBe(
      'invalid argument "wrld" for "--identity" flag: invalid security identity, expected one of [host world unmanaged health init remote-node kube-apiserver ingress world-ipv4 world-ipv6] or a numeric value\n',
    );
    const p53 = lines("hubble observe --port 53");
    expect(p53.length).toBeGreaterThan(0);
    expect(p53.every((l) => l.includes(":53 "))).toBe(true);
    expect(lines("hubble observe --to-port 53").every((l) => l.includes(" -> "))).toBe(true);
    expect(lines("hubble observe --from-port 53").every((l) => l.includes(" <- "))).toBe(true);
    expect(err("hubble observe --port http")).toBe(
      'invalid source port filter: invalid port "http": strconv.ParseUint: parsing "http": invalid syntax\n',
    );
  });
  it("--not negates the next filter only; conflicts and a trailing --not are errors", () => {
    const all = lines("hubble observe");
    const dropped = lines("hubble observe --verdict DROPPED");
    expect(lines("hubble observe --not --verdict DROPPED")).toHaveLength(all.length - dropped.length);
    expect(
      lines("hubble observe --not --verdict DROPPED --pod xwing").every(
        (l) => l.includes("xwing") && !l.includes("DROPPED"),
      ),
    ).toBe(true);
    expect(err("hubble observe --not")).toBe("trailing --not found in the arguments\n");
    expect(err("hubble observe --not --not --pod x")).toBe(
      'invalid argument "true" for "--not" flag: consecutive --not statements\n',
    );
    expect(err("hubble observe --pod xwing --ip 10.0.0.1")).toBe(
      'invalid argument "10.0.0.1" for "--ip" flag: filters --ip and --pod cannot be combined\n',
    );
    expect(err("hubble observe --from-pod xwing -n default")).toBe(
      'invalid argument "default" for "-n, --namespace" flag: filters --from-pod and --namespace cannot be combined\n',
    );
  });
  it("namespaces, -A, --type, --protocol and HTTP filters", () => {
    const ks = lines("hubble observe -n kube-system");
    expect(ks.length).toBeGreaterThan(0);
    expect(ks.every((l) => l.includes("kube-system/"))).toBe(true);
    expect(lines("hubble observe --to-namespace kube-system").every((l) => / -> kube-system\//.test(l))).toBe(true);
    expect(lines("hubble observe -A")).toEqual(lines("hubble observe"));
    expect(err("hubble observe --pod kube-system/coredns -n default")).toBe(
      'invalid argument "default" for "-n, --namespace" flag: namespace conflict: "default" does not contain "kube-system/coredns"\n',
    );
    expect(lines("hubble observe -t drop").every((l) => l.includes("Policy denied DROPPED"))).toBe(true);
    expect(lines("hubble observe --type trace:to-endpoint").every((l) => l.includes(" to-endpoint "))).toBe(true);
    expect(lines("hubble observe --type policy-verdict").every((l) => l.includes("policy-verdict:"))).toBe(true);
    expect(lines("hubble observe --protocol udp").every((l) => l.includes("(UDP)"))).toBe(true);
    expect(lines("hubble observe --protocol dns")).toEqual([]);
    expect(err("hubble observe --protocol foo")).toBe('invalid protocol filter: unknown protocol: "foo"\n');
    expect(lines("hubble observe --http-method post")).toEqual([]);
  });
});
