/** The policy compiler, linked statically (server, scripts, tests). The browser binding is components/lab/deferred/cluster.ts. */
import type { Deferred } from "@/lib/base/deferred";
import { compileWorld } from "@/lib/engine";

export type PolicyCompiler = { readonly compileWorld: typeof compileWorld };

export const policyCompiler: Deferred<PolicyCompiler> = () => ({ compileWorld });
