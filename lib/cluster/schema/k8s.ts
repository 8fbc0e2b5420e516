/**
 * Built-in kinds. NetworkPolicy follows networking/v1 validation (ValidateNetworkPolicy); core kinds
 * get a light schema (known top-level fields, metadata, the parts the simulator reads).
 */
import { parsePrefix, prefixContainsPrefix } from "@/lib/engine/ip";
import { isSvcName } from "@/lib/engine/policy/ports";
import { selectorErrors } from "@/lib/engine/policy/selector-check";
import { labelSelector } from "./cilium";
import type { Schema } from "./dsl";

const str: Schema = { t: "string" };
const any: Schema = { t: "any" };
const obj = (props: Record<string, Schema>, required?: string[], open = false): Schema => ({
  t: "object",
  props,
  required,
  open,
});
const arr = (items: Schema): Schema => ({ t: "array", items });

export const metadataSchema: Schema = obj({
  name: str,
  generateName: str,
  namespace: str,
  labels: { t: "map", values: str },
  annotations: { t: "map", values: str },
  uid: str,
  resourceVersion: str,
  generation: { t: "integer" },
  creationTimestamp: any,
  deletionTimestamp: any,
  ownerReferences: arr(any),
  finalizers: arr(str),
  managedFields: arr(any),
  selfLink: str,
  deletionGracePeriodSeconds: { t: "integer" },
});

const npPeer = obj({
  podSelector: labelSelector,
  namespaceSelector: labelSelector,
  ipBlock: obj({ cidr: str, except: arr(str) }, ["cidr"]),
});
const npPort = obj({
  protocol: { t: "string", enum: ["SCTP", "TCP", "UDP"] },
  port: { t: "intOrString" },
  endPort: { t: "integer" },
});

export const networkPolicyBody: Record<string, Schema> = {
  spec: obj({
    podSelector: labelSelector,
    ingress: arr(obj({ from: arr(npPeer), ports: arr(npPort) })),
    egress: arr(obj({ to: arr(npPeer), ports: arr(npPort) })),
    policyTypes: arr({ t: "string", enum: ["Ingress", "Egress"] }),
  }),
  status: any,
};

const containerPort = obj(
  {
    name: str,
    containerPort: { t: "integer", min: 1, max: 65535 },
    protocol: { t: "string", enum: ["SCTP", "TCP", "UDP"] },
    hostPort: { t: "integer" },
    hostIP: str,
  },
  ["containerPort"],
);
const container = obj({ name: str, image: str, ports: arr(containerPort) }, ["name"], true);
const podSpec = obj(
  {
    containers: arr(container),
    nodeName: str,
    hostNetwork: { t: "boolean" },
    serviceAccountName: str,
    serviceAccount: str,
  },
  ["containers"],
  true,
);
const template = obj({ metadata: metadataSchema, spec: podSpec });

export const coreBodies: Record<string, Record<string, Schema>> = {
  Pod: { spec: podSpec, status: any },
  Namespace: { spec: any, status: any },
  Node: { spec: any, status: any },
  Service: {
    spec: obj(
      {
        selector: { t: "map", values: str },
        clusterIP: str,
        clusterIPs: arr(str),
        type: str,
        ports: arr(
          obj(
            {
              name: str,
              port: { t: "integer", min: 1, max: 65535 },
              targetPort: { t: "intOrString" },
              protocol: { t: "string", enum: ["SCTP", "TCP", "UDP"] },
              nodePort: { t: "integer" },
              appProtocol: str,
            },
            ["port"],
          ),
        ),
      },
      [],
      true,
    ),
    status: any,
  },
  Deployment: {
    spec: obj(
      { replicas: { t: "integer", min: 0 }, selector: labelSelector, template },
      ["selector", "template"],
      true,
    ),
    status: any,
  },
  StatefulSet: {
    spec: obj(
      { replicas: { t: "integer", min: 0 }, selector: labelSelector, template, serviceName: str },
      ["selector", "template"],
      true,
    ),
    status: any,
  },
  DaemonSet: { spec: obj({ selector: labelSelector, template }, ["selector", "template"], true), status: any },
};

/** NetworkPolicy checks beyond the schema (networking/validation.go), as field causes. */
export function networkPolicyCauses(spec: Record<string, unknown> | undefined): string[] {
  const out: string[] = [];
  if (!spec) return out;
  out.push(...selectorErrors(spec.podSelector, "spec.podSelector", false));
  for (const dir of ["ingress", "egress"] as const) {
    const rules = Array.isArray(spec[dir]) ? (spec[dir] as Record<string, unknown>[]) : [];
    const peerField = dir === "ingress" ? "from" : "to";
    rules.forEach((r, i) => {
      const base = `spec.${dir}[${i}]`;
      (Array.isArray(r.ports) ? (r.ports as Record<string, unknown>[]) : []).forEach((p, j) => {
        const path = `${base}.ports[${j}]`;
        if (typeof p.port === "number" && (p.port < 1 || p.port > 65535))
          out.push(`${path}.port: Invalid value: ${p.port}: must be between 1 and 65535, inclusive`);
        if (typeof p.port === "string" && !/^\d+$/.test(p.port) && !isSvcName(p.port))
          out.push(
            `${path}.port: Invalid value: ${JSON.stringify(p.port)}: must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)`,
          );
        if (p.endPort !== undefined && typeof p.port !== "number")
          out.push(
            `${path}.endPort: Invalid value: ${String(p.endPort)}: may not be specified when \`port\` is non-numeric`,
          );
        if (typeof p.endPort === "number" && typeof p.port === "number" && p.endPort < p.port)
          out.push(`${path}.endPort: Invalid value: ${p.endPort}: must be greater than or equal to \`port\``);
      });
      (Array.isArray(r[peerField]) ? (r[peerField] as Record<string, unknown>[]) : []).forEach((peer, j) => {
        const path = `${base}.${peerField}[${j}]`;
        out.push(
          ...selectorErrors(peer.podSelector, `${path}.podSelector`, false),
          ...selectorErrors(peer.namespaceSelector, `${path}.namespaceSelector`, false),
        );
        const n = ["podSelector", "namespaceSelector"].some((k) => peer[k] !== undefined) ? 1 : 0;
        if (peer.ipBlock !== undefined && n > 0) out.push(`${path}: Forbidden: may not specify more than 1 peer type`);
        if (peer.ipBlock === undefined && n === 0) out.push(`${path}: Required value: must specify a peer`);
        const ib = peer.ipBlock as Record<string, unknown> | undefined;
        if (ib && typeof ib.cidr === "string") {
          const c = parsePrefix(ib.cidr);
          if (!c.ok)
            out.push(
              `${path}.ipBlock.cidr: Invalid value: ${JSON.stringify(ib.cidr)}: must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)`,
            );
          (Array.isArray(ib.except) ? ib.except : []).forEach((e, k) => {
            const ep = parsePrefix(String(e));
            if (!ep.ok)
              out.push(
                `${path}.ipBlock.except[${k}]: Invalid value: ${JSON.stringify(e)}: must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)`,
              );
            else if (c.ok && (!prefixContainsPrefix(c.prefix, ep.prefix) || ep.prefix.bits <= c.prefix.bits))
              out.push(
                `${path}.ipBlock.except[${k}]: Invalid value: ${JSON.stringify(e)}: must be a strict subset of \`cidr\``,
              );
          });
        }
      });
    });
  }
  return out;
}
