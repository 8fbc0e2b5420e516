/**
 * The API-server layer: given a decoded manifest of a known kind, report strict-decoding errors
 * (unknown fields) or Invalid causes, before anything is stored.
 */
import { cegpBody, cidrGroupBody, cnpBody } from "./cilium";
import { check, type Schema, type SchemaProblems } from "./dsl";
import { clusterNetworkPolicyBody } from "./network-policy-api";
import { coreBodies, metadataSchema, networkPolicyBody, networkPolicyCauses } from "./k8s";

export type SchemaResult =
  | { readonly kind: "ok" }
  | { readonly kind: "strict"; readonly unknown: readonly string[] }
  | { readonly kind: "invalid"; readonly causes: readonly string[] };

const DNS1123 = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function bodyFor(kind: string): Record<string, Schema> | undefined {
  switch (kind) {
    case "CiliumNetworkPolicy":
    case "CiliumClusterwideNetworkPolicy":
      return cnpBody;
    case "CiliumEgressGatewayPolicy":
      return cegpBody;
    case "CiliumCIDRGroup":
      return cidrGroupBody;
    case "NetworkPolicy":
      return networkPolicyBody;
    case "ClusterNetworkPolicy":
      return clusterNetworkPolicyBody;
    default:
      return coreBodies[kind];
  }
}

/** The whole object's schema for a kind (unknown kinds: apiVersion, kind and metadata only). */
export function schemaForKind(kind: string): Schema {
  return {
    t: "object",
    props: { apiVersion: { t: "string" }, kind: { t: "string" }, metadata: metadataSchema, ...(bodyFor(kind) ?? {}) },
  };
}

export function validateObject(kind: string, obj: Record<string, unknown>): SchemaResult {
  const top = schemaForKind(kind);
  const out: SchemaProblems = { unknown: [], causes: [] };
  check(top, obj, "", out);
  if (out.unknown.length > 0) return { kind: "strict", unknown: out.unknown };
  const meta = (obj.metadata ?? {}) as Record<string, unknown>;
  if (typeof meta.name === "string" && meta.name !== "" && (!DNS1123.test(meta.name) || meta.name.length > 253)) {
    out.causes.unshift(
      `metadata.name: Invalid value: ${JSON.stringify(meta.name)}: a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    );
  }
  if (kind === "NetworkPolicy")
    out.causes.push(...networkPolicyCauses(obj.spec as Record<string, unknown> | undefined));
  return out.causes.length > 0 ? { kind: "invalid", causes: out.causes } : { kind: "ok" };
}
