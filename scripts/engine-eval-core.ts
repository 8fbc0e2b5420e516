/**
 * The headless evaluator behind `npm run -s engine:eval`: one acceptance case (parsed JSON) →
 * `{ id, results: [{verdict, snatIP, reason}], errors }`. Pure; the CLI wrapper reads the files.
 */
import { apply, createCluster, evaluate, scenarioFromCase, type ClusterState } from "@/lib/cluster";
import type { FlowProto } from "@/lib/engine";
import { reproducibleDeps } from "@/lib/base/reproducible";

export interface CaseResult {
  readonly id: string;
  readonly results: { verdict: string; snatIP: string | null; reason: string }[];
  readonly errors: string[];
}

type Raw = Record<string, unknown>;

export function evalCase(input: unknown): CaseResult {
  const c = (input ?? {}) as Raw;
  const id = String(c.id ?? "");
  const sc = scenarioFromCase(input);
  if (!sc.ok) return { id, results: [], errors: [`bad case: ${sc.error}`] };
  let state: ClusterState = createCluster(sc.scenario, reproducibleDeps());
  const errors: string[] = [];
  (Array.isArray(c.policies) ? c.policies : []).forEach((p, i) => {
    const r = apply(state, String(p), { source: `policy-${i + 1}.yaml` });
    state = r.state;
    for (const d of r.diagnostics) if (d.severity === "error" || d.code === "policy-invalid") errors.push(d.message);
  });
  const results = (Array.isArray(c.flows) ? (c.flows as Raw[]) : []).map((f) => {
    const http = f.http as { method: string; path: string } | undefined;
    const r = evaluate(state, {
      from: String(f.from),
      to: String(f.to),
      port: Number(f.port ?? 0),
      protocol: String(f.protocol ?? "TCP").toUpperCase() as FlowProto,
      ...(http ? { http: { method: http.method, path: http.path } } : {}),
      ...(typeof f.dns === "string" ? { dns: f.dns } : {}),
    });
    if (!r.ok) return { verdict: "error", snatIP: null, reason: r.error };
    return { verdict: r.verdict.verdict, snatIP: r.verdict.snatIP ?? null, reason: r.verdict.reason };
  });
  return { id, results, errors };
}
