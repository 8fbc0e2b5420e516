/** Schema layer entry point (API-server validation of manifests). */
export { validateObject as validateManifest, type SchemaResult } from "./schema/index";
export type { PolicyKind } from "./model";
