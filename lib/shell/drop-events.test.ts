/**
 * Kubernetes events for policy drops (pkg/hubble/dropeventemitter, alpha in Cilium 1.20, off by default:
 * helm hubble.dropEventEmitter.enabled / cilium config set hubble-drop-events): Warning PacketDrop from
 * cilium on the pod, policy_denied drops only by default (a deny rule's policy_deny is not in the default
 * reasons), one event per pod and message every 2 minutes, and `kubectl describe pod` finds only the
 * egress ones (the emitter sets the pod UID on those alone; describe searches by UID).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { HeadlessLab } from "./transcript";

const root = fileURLToPath(new URL("../../", import.meta.url));
const scenarioText = readFileSync(`${root}content/scenarios/starwars.yaml`, "utf8");
const POLICY =
  "kubectl apply -f https://raw.githubusercontent.com/cilium/cilium/1.20.1/examples/minikube/sw_l3_l4_policy.yaml";
const XWING_OUT = `kubectl apply -f - <<EOF
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: xwing-dns-only
spec:
  endpointSelector:
    matchLabels:
      class: xwing
  egress:
  - toEndpoints:
    - matchLabels:
        k8s:io.kubernetes.pod.namespace: kube-system
EOF`;
const OUTSIDE = "kubectl exec xwing -- curl -s --connect-timeout 2 http://203.0.113.80/";
const LANDING =
  "kubectl exec xwing -- curl -s --connect-timeout 2 -XPOST deathstar.default.svc.cluster.local/v1/request-landing";
const lab = () => new HeadlessLab({ scenarioName: "starwars", scenarioText, seed: 11 });
const packetDrops = (l: HeadlessLab) =>
  l
    .run("kubectl get events -A")
    .stdout.split("\n")
    .filter((x) => x.includes("PacketDrop"));

describe("policy drops as Kubernetes events", () => {
  it("are off by default: a drop records no event", () => {
    const l = lab();
    l.run(POLICY);
    expect(l.run(LANDING).exitCode).not.toBe(0);
    expect(packetDrops(l)).toEqual([]);
    expect(l.run("cilium config view").stdout).not.toContain("hubble-drop-events");
  });

  it("with the emitter on: ingress drops on the destination pod, egress drops on the source pod", () => {
    const l = lab();
    l.run(POLICY);
    expect(l.run("cilium config set hubble-drop-events true").exitCode).toBe(0);
    l.run(LANDING);
    const ingress = packetDrops(l);
    expect(ingress).toHaveLength(1);
    expect(ingress[0]).toMatch(
      /^default\s+\d+s\s+Warning\s+PacketDrop\s+pod\/deathstar-[a-z0-9-]+\s+Incoming packet dropped \(policy_denied\) from default\/xwing \(10\.244\.2\.34\) TCP\/80$/,
    );
    // No UID on ingress events: kubectl describe does not find them.
    const dsPod = /pod\/(deathstar-[a-z0-9-]+)/.exec(ingress[0] ?? "")?.[1] ?? "";
    expect(l.run(`kubectl describe pod ${dsPod}`).stdout).toMatch(/Events:\s+<none>\n$/);
    l.run(XWING_OUT);
    l.run(OUTSIDE);
    expect(l.run("kubectl describe pod xwing").stdout).toMatch(
      /Events:\n  Type     Reason      Age   From    Message\n  ----     ------      ----  ----    -------\n  Warning  PacketDrop  \d+s    cilium  Outgoing packet dropped \(policy_denied\) to world \(203\.0\.113\.80\) TCP\/80\n$/,
    );
  });

  it("repeat within 2 minutes are dropped by the correlator; after that the event counts up", () => {
    const l = lab();
    l.run("helm upgrade cilium cilium/cilium -n kube-system --reuse-values --set hubble.dropEventEmitter.enabled=true");
    l.run(XWING_OUT);
    l.run(OUTSIDE);
    l.run(OUTSIDE);
    expect(l.run("kubectl get events -o wide").stdout).toMatch(
      /cilium\s+Outgoing packet dropped .* TCP\/80\s+\d+s\s+1\s+xwing\./,
    );
    l.run("sleep 130");
    l.run(OUTSIDE);
    expect(l.run("kubectl describe pod xwing").stdout).toMatch(
      /Warning  PacketDrop  \d+s \(x2 over 2m\d+s\)  cilium  Outgoing packet dropped \(policy_denied\) to world \(203\.0\.113\.80\) TCP\/80\n$/,
    );
  });

  it("a deny rule's drop (policy_deny) is not among the default reasons", () => {
    const l = lab();
    l.run("cilium config set hubble-drop-events true");
    l.run(`kubectl apply -f - <<EOF
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: no-xwing
spec:
  endpointSelector:
    matchLabels:
      class: deathstar
  ingressDeny:
  - fromEndpoints:
    - matchLabels:
        class: xwing
EOF`);
    expect(l.run(LANDING).exitCode).not.toBe(0);
    expect(packetDrops(l)).toEqual([]);
    // …unless hubble-drop-events-reasons lists it (helm's list syntax or the agent's space/comma list).
    expect(
      l.run(
        "helm upgrade cilium cilium/cilium -n kube-system --reuse-values --set hubble.dropEventEmitter.reasons={policy_denied,policy_deny}",
      ).exitCode,
    ).toBe(0);
    expect(l.run("cilium config view").stdout).toMatch(/^hubble-drop-events-reasons\s+policy_denied policy_deny$/m);
    expect(l.run(LANDING).exitCode).not.toBe(0);
    expect(packetDrops(l)).toEqual([
      expect.stringMatching(
        /PacketDrop\s+pod\/deathstar-[a-z0-9-]+\s+Incoming packet dropped \(policy_deny\) from default\/xwing \(10\.244\.2\.34\) TCP\/80$/,
      ),
    ]);
    l.run("cilium config set hubble-drop-events-reasons policy_denied,auth_required");
    expect(l.run("cilium config view").stdout).toMatch(/^hubble-drop-events-reasons\s+policy_denied auth_required$/m);
  });
});
