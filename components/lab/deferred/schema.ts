/** The browser's copy of the API server's schema validation: fetched the first time a manifest is applied. */
import type { ClusterSchema } from "@/lib/cluster/libs/schema";
import { deferredImport } from "./deferred-import";

export const clusterSchema = deferredImport<ClusterSchema>("the API server's schemas", () =>
  import("@/lib/cluster/schema/index").then((m) => ({ validateObject: m.validateObject })),
);
