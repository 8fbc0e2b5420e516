/** The API server's schema validation, linked statically (server, scripts, tests). The browser binding is components/lab/deferred/schema.ts. */
import type { Deferred } from "@/lib/base/deferred";
import { validateObject } from "../schema/index";

export type ClusterSchema = { readonly validateObject: typeof validateObject };

export const clusterSchema: Deferred<ClusterSchema> = () => ({ validateObject });
