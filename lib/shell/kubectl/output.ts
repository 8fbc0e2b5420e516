/**
 * -o yaml|json|name|jsonpath for kubectl get (cli-runtime printers): one named object prints alone, anything
 * else is wrapped in a `v1 List` with `resourceVersion: ""`.
 */
import type { KObject } from "../cluster/api";
import { toJson } from "../printers/json";
import { toYaml, type Json } from "../printers/yaml";
import { jsonpath } from "./jsonpath";
import { qualifiedKind, type ResourceType } from "./resources";

export type PrintResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly error: string };

/** Prints objects in a machine format. */
export function printObjects(
  format: string,
  objs: readonly { type: ResourceType; obj: KObject }[],
  single: boolean,
): PrintResult {
  if (format === "name")
    return { ok: true, text: objs.map((o) => `${qualifiedKind(o.type)}/${o.obj.metadata.name}\n`).join("") };
  const value: Json =
    single && objs[0]
      ? (objs[0].obj as unknown as Json)
      : {
          apiVersion: "v1",
          items: objs.map((o) => o.obj as unknown as Json),
          kind: "List",
          metadata: { resourceVersion: "" },
        };
  if (format === "yaml") return { ok: true, text: toYaml(value) };
  if (format === "json") return { ok: true, text: toJson(value) + "\n" };
  const m = /^jsonpath=(.*)$/s.exec(format);
  if (!m) return { ok: false, error: "error: template format specified but no template given\n" };
  return jsonpath(m[1] as string, value);
}
