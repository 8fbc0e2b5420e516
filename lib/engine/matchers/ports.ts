/**
 * toPorts matching: port 0 = every port, endPort makes a range, protocol ANY = TCP, UDP and SCTP,
 * a named port resolves against the destination pod's container ports
 * (Documentation/security/policy/layer4.rst).
 */
import type { ContainerPort, Protocol } from "../model";
import type { PortSpec } from "../policy/types";

export type FlowProto = Protocol | "ICMP";

export const portMatcher = {
  allows(spec: PortSpec, port: number, proto: FlowProto, dstPorts: readonly ContainerPort[] | undefined): boolean {
    if (spec.protocol === "ICMP" || proto === "ICMP") return spec.protocol === proto;
    if (spec.protocol !== "ANY" && spec.protocol !== proto) return false;
    if (spec.name !== undefined) {
      return (dstPorts ?? []).some(
        (p) =>
          (p.name ?? "").toLowerCase() === spec.name &&
          p.port === port &&
          (spec.protocol === "ANY" || p.protocol === proto),
      );
    }
    if (spec.port === 0) return true;
    return port >= spec.port && port <= spec.endPort;
  },
};
