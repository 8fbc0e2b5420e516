/** The cluster's operations, linked statically (server, scripts, tests). The browser binding is components/lab/deferred/cluster.ts. */
import type { Deferred } from "@/lib/base/deferred";
import * as ops from "../deferred-ops";

export type ClusterOps = typeof ops;

export const clusterOps: Deferred<ClusterOps> = () => ops;
