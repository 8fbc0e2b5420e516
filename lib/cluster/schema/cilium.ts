/**
 * Schemas of Cilium's CRDs (cilium.io/v2, v1.20: pkg/k8s/apis/cilium.io/v2, pkg/policy/api kubebuilder markers).
 * Fields Cilium removed are absent, so the API server answers them with a strict decoding error:
 * `toPorts[].rules.kafka`, `rules.l7proto` and `rules.l7` (proxylib removed in 1.20, cilium/cilium#43557, #44610,
 * Documentation/operations/upgrade-current.inc) and `fromRequires`/`toRequires` (removed in 1.19, #42615).
 * `authentication` (mutual authentication, deprecated in 1.20) is still in the CRD.
 */
import type { Schema } from "./dsl";

const str: Schema = { t: "string" };
const strs: Schema = { t: "array", items: str };
const obj = (props: Record<string, Schema>, required?: string[]): Schema => ({ t: "object", props, required });
const arr = (items: Schema): Schema => ({ t: "array", items });

export const labelSelector: Schema = obj({
  matchLabels: { t: "map", values: str },
  matchExpressions: arr(
    obj({ key: str, operator: { t: "string", enum: ["In", "NotIn", "Exists", "DoesNotExist"] }, values: strs }, [
      "key",
      "operator",
    ]),
  ),
});

/** The CRD's port pattern, quirk included: the `^…|…$` alternation anchors each side only at one end. */
const PORT_PATTERN =
  "^(6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[0-9]{1,4})|([a-zA-Z0-9]-?)*[a-zA-Z](-?[a-zA-Z0-9])*$";
export const ENTITY_ENUM = [
  "all",
  "world",
  "cluster",
  "host",
  "init",
  "ingress",
  "unmanaged",
  "remote-node",
  "health",
  "none",
  "kube-apiserver",
];
const cidr: Schema = { t: "string", format: "cidr" };
const cidrRule = obj({ cidr, cidrGroupRef: str, cidrGroupSelector: labelSelector, except: arr(cidr) });
const portProtocol = obj({
  port: { t: "string", pattern: PORT_PATTERN },
  endPort: { t: "integer", min: 0, max: 65535 },
  protocol: { t: "string", enum: ["TCP", "UDP", "SCTP", "VRRP", "IGMP", "ANY"] },
});
const http = obj({
  path: str,
  method: str,
  host: str,
  headers: strs,
  headerMatches: arr(
    obj(
      {
        name: str,
        value: str,
        mismatch: { t: "string", enum: ["LOG", "ADD", "DELETE", "REPLACE"] },
        secret: { t: "any" },
      },
      ["name"],
    ),
  ),
});
const dns = obj({
  matchName: { t: "string", pattern: "^([-a-zA-Z0-9_]+[.]?)+$" },
  matchPattern: { t: "string", pattern: "^([-a-zA-Z0-9_*]+[.]?)+$" },
});
const l7Rules = obj({ http: arr(http), dns: arr(dns) });
const portRule = obj({
  ports: arr(portProtocol),
  rules: l7Rules,
  terminatingTLS: { t: "any" },
  originatingTLS: { t: "any" },
  serverNames: strs,
  listener: { t: "any" },
});
const portDenyRule = obj({ ports: arr(portProtocol) });
const icmp = obj({
  fields: arr(obj({ type: { t: "intOrString" }, family: { t: "string", enum: ["IPv4", "IPv6"] } }, ["type"])),
});
const entities: Schema = arr({ t: "string", enum: ENTITY_ENUM });
const service = obj({
  k8sService: obj({ serviceName: str, namespace: str }),
  k8sServiceSelector: obj({ selector: labelSelector, namespace: str }, ["selector"]),
});
const fqdn = dns;
const auth = obj({ mode: { t: "string", enum: ["disabled", "required", "test-always-fail"] } }, ["mode"]);
const ingressCommon = {
  fromEndpoints: arr(labelSelector),
  fromCIDR: arr(cidr),
  fromCIDRSet: arr(cidrRule),
  fromEntities: entities,
  fromGroups: arr({ t: "any" }),
  fromNodes: arr(labelSelector),
  icmps: arr(icmp),
};
const egressCommon = {
  toEndpoints: arr(labelSelector),
  toCIDR: arr(cidr),
  toCIDRSet: arr(cidrRule),
  toEntities: entities,
  toServices: arr(service),
  toGroups: arr({ t: "any" }),
  toNodes: arr(labelSelector),
  icmps: arr(icmp),
};

export const ciliumRule: Schema = obj({
  endpointSelector: labelSelector,
  nodeSelector: labelSelector,
  ingress: arr(obj({ ...ingressCommon, toPorts: arr(portRule), authentication: auth })),
  ingressDeny: arr(obj({ ...ingressCommon, toPorts: arr(portDenyRule) })),
  egress: arr(obj({ ...egressCommon, toFQDNs: arr(fqdn), toPorts: arr(portRule), authentication: auth })),
  egressDeny: arr(obj({ ...egressCommon, toPorts: arr(portDenyRule) })),
  labels: arr(obj({ key: str, value: str, source: str }, ["key"])),
  enableDefaultDeny: obj({ ingress: { t: "boolean" }, egress: { t: "boolean" } }),
  description: str,
  // LogConfig.Value: +kubebuilder:validation:MaxLength=32, Pattern=`^\PC*$` (printable characters only).
  log: obj({ value: { t: "string", maxLength: 32, pattern: "^\\PC*$" } }),
});

export const cnpBody: Record<string, Schema> = { spec: ciliumRule, specs: arr(ciliumRule), status: { t: "any" } };

export const cegpBody: Record<string, Schema> = {
  spec: obj(
    {
      selectors: {
        t: "array",
        minItems: 1,
        items: obj({ podSelector: labelSelector, namespaceSelector: labelSelector, nodeSelector: labelSelector }),
      },
      destinationCIDRs: { t: "array", minItems: 1, items: cidr },
      excludedCIDRs: arr(cidr),
      egressGateway: obj({ nodeSelector: labelSelector, interface: str, egressIP: { t: "string", format: "ipv4" } }, [
        "nodeSelector",
      ]),
      egressGateways: arr(
        obj({ nodeSelector: labelSelector, interface: str, egressIP: { t: "string", format: "ipv4" } }),
      ),
    },
    ["selectors", "destinationCIDRs"],
  ),
  status: { t: "any" },
};

/** ciliumcidrgroups.cilium.io v2: spec.externalCIDRs (format cidr) is required. */
export const cidrGroupBody: Record<string, Schema> = {
  spec: obj({ externalCIDRs: { t: "array", minItems: 0, items: cidr } }, ["externalCIDRs"]),
};
