/**
 * The browser's copies of the cluster's operations (apply, delete, label, settings, restart, connect, replay,
 * evaluate) and of the policy compiler: fetched together the first time a command changes the cluster, sends
 * traffic or needs a verdict, or a saved lab is restored. A fresh lab's `kubectl get pods` needs neither.
 */
import type { ClusterOps } from "@/lib/cluster/libs/ops";
import type { PolicyCompiler } from "@/lib/cluster/libs/compiler";
import { deferredImport } from "./deferred-import";

let code: Promise<typeof import("./cluster-code")> | null = null;
/** One fetch for both bindings; a failed one is tried again by the next call that needs either. */
const load = () =>
  (code ??= import("./cluster-code").catch((error: unknown) => {
    code = null;
    throw error;
  }));

export const clusterOps = deferredImport<ClusterOps>("the cluster's operations", () => load().then((m) => m.ops));

export const policyCompiler = deferredImport<PolicyCompiler>("the policy compiler", () =>
  load().then((m) => ({ compileWorld: m.compileWorld })),
);
