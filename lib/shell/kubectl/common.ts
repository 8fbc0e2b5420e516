/** Shared kubectl pieces: persistent flags, namespace choice, object lookup and the standard error texts. */
import type { KObject } from "../cluster/api";
import type { FlagSpec, ParsedFlags } from "../flags";
import type { Ctx } from "../types";
import { qualifiedPlural, resolveType, servedResourceTypes, type ResourceType } from "./resources";
import { objects } from "../cluster/ops";

/** kubectl's persistent flags that this lab honours (others are accepted and ignored). */
export const KUBECTL_GLOBAL_FLAGS: readonly FlagSpec[] = [
  {
    name: "namespace",
    short: "n",
    type: "string",
    usage: "If present, the namespace scope for this CLI request",
    values: [],
  },
  { name: "context", type: "string", usage: "The name of the kubeconfig context to use" },
  { name: "kubeconfig", type: "string", usage: "Path to the kubeconfig file to use for CLI requests." },
  {
    name: "server",
    short: "s",
    type: "string",
    usage: "The address and port of the Kubernetes API server",
    hidden: true,
  },
  { name: "v", short: "v", type: "string", usage: "number for the log level verbosity", hidden: true },
];

export const OUTPUT_FLAG: FlagSpec = {
  name: "output",
  short: "o",
  type: "string",
  usage: "Output format. One of: (json, yaml, name, wide)",
  values: ["json", "yaml", "name", "wide"],
};

/** cli-runtime print_flags.go: formats sorted, joined without spaces. */
export const ALLOWED_FORMATS =
  "custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,kyaml,name,template,templatefile,wide,yaml";

export function namespaceOf(f: ParsedFlags, ctx: Ctx): string {
  return f.values.get("namespace") ?? ctx.state.env["KUBECTL_NAMESPACE"] ?? "default";
}

/** `Error from server (NotFound): pods "x" not found` */
export function notFound(t: ResourceType, name: string): string {
  return `Error from server (NotFound): ${qualifiedPlural(t)} "${name}" not found\n`;
}

/** `error: the server doesn't have a resource type "x"` */
export function noSuchType(word: string): string {
  return `error: the server doesn't have a resource type "${word}"\n`;
}

/** Finds one object; namespaced types look in `ns`. */
export function findObject(ctx: Ctx, t: ResourceType, ns: string, name: string): KObject | undefined {
  return objects(ctx.state.cluster, t).find(
    (o) => o.metadata.name === name && (!t.namespaced || (o.metadata.namespace ?? "default") === ns),
  );
}

/** Resolves one type word or reports it. */
export function typeOrError(ctx: Ctx, word: string): ResourceType | undefined {
  const ts = resolveType(word, servedResourceTypes(ctx.state.cluster.settings), (w) => ctx.io.err(w));
  if (!ts || ts.length !== 1) {
    ctx.io.err(noSuchType(word));
    return undefined;
  }
  return ts[0];
}

/** `No resources found in default namespace.` or `No resources found` */
export function noResources(namespaced: boolean, allNamespaces: boolean, ns: string): string {
  return namespaced && !allNamespaces ? `No resources found in ${ns} namespace.\n` : "No resources found\n";
}
