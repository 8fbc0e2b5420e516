/** The browser's YAML parser: fetched the first time a command reads a manifest. */
import type { YamlParser } from "@/lib/cluster/libs/yaml";
import { deferredImport } from "./deferred-import";

export const yamlParser = deferredImport<YamlParser>("the YAML parser", () =>
  import("yaml").then((m) => ({ parseAllDocuments: m.parseAllDocuments })),
);
