/** The YAML parser for manifests, linked statically (server, scripts, tests). The browser binding is components/lab/deferred/yaml.ts. */
import { parseAllDocuments } from "yaml";
import type { Deferred } from "@/lib/base/deferred";

export type YamlParser = { readonly parseAllDocuments: typeof parseAllDocuments };

export const yamlParser: Deferred<YamlParser> = () => ({ parseAllDocuments });
