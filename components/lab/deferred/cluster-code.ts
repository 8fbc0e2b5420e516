/** The code behind the browser's `#cluster-ops` and `#policy-compiler` (./cluster.ts): one chunk, fetched once. */
export * as ops from "@/lib/cluster/deferred-ops";
export { compileWorld } from "@/lib/engine/compile/compiled";
