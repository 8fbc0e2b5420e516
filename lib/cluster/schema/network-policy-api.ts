/**
 * clusternetworkpolicies.policy.networking.k8s.io v1alpha2, the standard channel of network-policy-api v0.2.0
 * (config/crd/standard/policy.networking.k8s.io_clusternetworkpolicies.yaml, apis/v1alpha2/
 * clusternetworkpolicy_types.go). The experimental channel's `nodes` and `domainNames` peers are not in the
 * standard CRD, so the API server answers them with a strict decoding error.
 */
import { parsePrefix } from "@/lib/engine/ip";
import { labelSelector } from "./cilium";
import type { CelRule, Schema } from "./dsl";

const obj = (
  props: Record<string, Schema>,
  required?: string[],
  extra: { minProperties?: number; maxProperties?: number; cel?: readonly CelRule[] } = {},
): Schema => ({ t: "object", props, required, ...extra });
const list = (items: Schema, minItems?: number, maxItems?: number): Schema => ({
  t: "array",
  items,
  minItems,
  maxItems,
});

/** CEL isCIDR(): an IPv4 or IPv6 prefix (host bits may be set, as netip.ParsePrefix allows). */
const isCIDR = (v: unknown): boolean => typeof v === "string" && parsePrefix(v).ok;

const port: Schema = { t: "integer", min: 1, max: 65535 };
const portRange = obj({ start: port, end: port }, ["end", "start"], {
  cel: [
    {
      test: (v) => {
        const r = v as { start?: unknown; end?: unknown };
        return typeof r.start !== "number" || typeof r.end !== "number" || r.start < r.end;
      },
      message: "Start port must be less than End port",
    },
  ],
});
const protocolPort = obj(
  { destinationPort: obj({ number: port, range: portRange }, undefined, { minProperties: 1, maxProperties: 1 }) },
  undefined,
  { minProperties: 1 },
);
const protocol = obj(
  { tcp: protocolPort, udp: protocolPort, sctp: protocolPort, destinationNamedPort: { t: "string" } },
  undefined,
  { minProperties: 1, maxProperties: 1 },
);
const namespacedPod = obj({ namespaceSelector: labelSelector, podSelector: labelSelector }, ["podSelector"]);
const ingressPeer = obj({ namespaces: labelSelector, pods: namespacedPod }, undefined, {
  minProperties: 1,
  maxProperties: 1,
});
const network: Schema = {
  t: "string",
  maxLength: 43,
  cel: [{ test: isCIDR, message: "Invalid CIDR format provided" }],
};
const egressPeer = obj({ namespaces: labelSelector, pods: namespacedPod, networks: list(network, 1, 25) }, undefined, {
  minProperties: 1,
  maxProperties: 1,
});
const action: Schema = { t: "string", enum: ["Accept", "Deny", "Pass"] };
const ruleName: Schema = { t: "string", maxLength: 100 };

const ingressRule = obj({ name: ruleName, action, from: list(ingressPeer, 1, 25), protocols: list(protocol, 1, 25) }, [
  "action",
  "from",
]);
// The egress rule's CEL check on named ports with networks peers is experimental-channel only (it names nodes and
// domainNames); the standard CRD has none.
const egressRule = obj({ name: ruleName, action, to: list(egressPeer, 1, 25), protocols: list(protocol, 1, 25) }, [
  "action",
  "to",
]);

export const clusterNetworkPolicyBody: Record<string, Schema> = {
  spec: obj(
    {
      tier: { t: "string", enum: ["Admin", "Baseline"] },
      priority: { t: "integer", min: 0, max: 1000 },
      subject: obj({ namespaces: labelSelector, pods: namespacedPod }, undefined, {
        minProperties: 1,
        maxProperties: 1,
      }),
      ingress: list(ingressRule, undefined, 25),
      egress: list(egressRule, undefined, 25),
    },
    ["priority", "subject", "tier"],
  ),
  status: { t: "any" },
};
