/**
 * `cilium connectivity test`, the lab's short and honest version. The real test deploys client and echo
 * workloads in namespace cilium-test-1 and runs ~70 scenarios; the lab cannot deploy them, so it says so and
 * asks the engine the questions that matter most about the lab's own pods: can they resolve names through
 * kube-dns, reach the API server, and reach each other through a Service. Your policies (and the
 * enforcement mode) count, exactly as for `kubectl exec … -- curl`. Output in cilium-cli's style.
 */
import { evaluateAll } from "@/lib/cluster";
import { objects } from "../cluster/ops";
import { byPlural } from "../kubectl/resources";
import type { Ctx } from "../types";

type Probe = { readonly test: string; readonly action: string; readonly flow: Parameters<typeof evaluateAll>[1] };

const hostNetwork = (spec: unknown): boolean => (spec as { hostNetwork?: boolean } | undefined)?.hostNetwork === true;

/** One client pod per application namespace (the first by name that the echo Service does not select). */
function clients(ctx: Ctx, echo: Echo | undefined): string[] {
  const seen = new Map<string, string>();
  const backs = (labels: Readonly<Record<string, string>> | undefined, ns: string) =>
    echo !== undefined && echo.namespace === ns && Object.entries(echo.selector).every(([k, v]) => labels?.[k] === v);
  const pods = objects(ctx.state.cluster, byPlural("pods")).filter(
    (p) =>
      !hostNetwork(p.spec) &&
      !["kube-system", "local-path-storage"].includes(p.metadata.namespace ?? "") &&
      !backs(p.metadata.labels, p.metadata.namespace ?? "default"),
  );
  for (const p of [...pods].sort((a, b) => a.metadata.name.localeCompare(b.metadata.name))) {
    const ns = p.metadata.namespace ?? "default";
    if (!seen.has(ns)) seen.set(ns, `${ns}/${p.metadata.name}`);
  }
  return [...seen.values()].sort();
}

type Echo = {
  readonly ref: string;
  readonly namespace: string;
  readonly port: number;
  readonly selector: Readonly<Record<string, string>>;
};

/** The first Service outside kube-system with a selector: the pod-to-service target. */
function echoService(ctx: Ctx): Echo | undefined {
  for (const svc of objects(ctx.state.cluster, byPlural("services"))) {
    const ns = svc.metadata.namespace ?? "default";
    const spec = svc.spec as
      { selector?: Record<string, string>; ports?: { port: number; protocol?: string }[] } | undefined;
    const port = spec?.ports?.find((p) => (p.protocol ?? "TCP") === "TCP")?.port;
    if (ns === "kube-system" || !spec?.selector || port === undefined) continue;
    return { ref: `svc:${ns}/${svc.metadata.name}`, namespace: ns, port, selector: spec.selector };
  }
  return undefined;
}

function probes(ctx: Ctx): Probe[] {
  const out: Probe[] = [];
  const echo = echoService(ctx);
  for (const from of clients(ctx, echo)) {
    const name = from.split("/")[1] as string;
    out.push({
      test: "pod-to-kube-dns",
      action: `${name} → kube-dns:53 (kubernetes.default)`,
      flow: {
        from,
        to: "svc:kube-system/kube-dns",
        port: 53,
        protocol: "UDP",
        dns: "kubernetes.default.svc.cluster.local",
      },
    });
    out.push({
      test: "pod-to-kube-apiserver",
      action: `${name} → kubernetes:443`,
      flow: { from, to: "svc:default/kubernetes", port: 443, protocol: "TCP" },
    });
    if (echo)
      out.push({
        test: "pod-to-service",
        action: `${name} → ${echo.ref.slice(4)}:${echo.port}`,
        flow: { from, to: echo.ref, port: echo.port, protocol: "TCP" },
      });
  }
  return out;
}

/** Runs the probes; exit 1 when one fails, like cilium-cli. */
export function connectivityTest(ctx: Ctx): number {
  const state = ctx.state.cluster;
  const all = probes(ctx);
  const tests = [...new Set(all.map((p) => p.test))];
  ctx.io.out(
    "ℹ️  This lab runs a short connectivity test: it cannot deploy the cilium-test-1 workloads, so it probes the lab's own pods (your policies apply).\n",
  );
  ctx.io.out(`🏃 Running ${tests.length} tests (${all.length} actions) ...\n`);
  const failed: { test: string; action: string; why: string }[] = [];
  tests.forEach((test, i) => {
    ctx.io.out(`[=] Test [${test}] [${i + 1}/${tests.length}]\n`);
    let dots = "";
    for (const p of all.filter((x) => x.test === test)) {
      const r = evaluateAll(state, p.flow);
      const bad = !r.ok ? r.error : r.pairs.find((pair) => pair.verdict.verdict !== "allowed")?.verdict.reason;
      if (bad !== undefined) failed.push({ test, action: p.action, why: bad });
      dots += bad === undefined ? "." : "x";
    }
    ctx.io.out(dots + "\n");
  });
  if (failed.length === 0) {
    ctx.io.out(`\n✅ All ${tests.length} tests (${all.length} actions) successful, 0 tests skipped.\n`);
    return 0;
  }
  const failedTests = new Set(failed.map((f) => f.test));
  ctx.io.out(
    `\n📋 Test Report\n❌ ${failedTests.size}/${tests.length} tests failed (${failed.length}/${all.length} actions), 0 tests skipped:\n`,
  );
  for (const test of failedTests) {
    ctx.io.out(`Test [${test}]:\n`);
    for (const f of failed.filter((x) => x.test === test)) ctx.io.out(`  ❌ ${f.action}: ${f.why}\n`);
  }
  ctx.io.err(`Error: connectivity test failed: ${failedTests.size} tests failed\n`);
  return 1;
}
