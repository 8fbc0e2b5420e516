/**
 * Cluster DNS as CoreDNS answers it: Service names (`svc`, `svc.ns`, `svc.ns.svc`,
 * `svc.ns.svc.cluster.local`, tried along the client's search path `<ns>.svc.cluster.local`,
 * `svc.cluster.local`, `cluster.local`), then the scenario's external host names; anything else is
 * NXDOMAIN.
 */
import type { Compiled } from "./compile/compiled";
import { normalizeName } from "./dns";

export type DnsAnswer =
  | {
      readonly rcode: "NOERROR";
      readonly name: string;
      readonly ips: readonly string[];
      readonly kind: "service" | "external";
    }
  | { readonly rcode: "NXDOMAIN"; readonly name: string };

function lookupAbsolute(c: Compiled, fqdn: string): DnsAnswer | undefined {
  const m = /^([a-z0-9-]+)\.([a-z0-9-]+)\.svc\.cluster\.local$/.exec(fqdn);
  if (m) {
    const svc = c.index.services.get(`${m[2]}/${m[1]}`);
    if (svc && svc.clusterIP && svc.clusterIP !== "None")
      return { rcode: "NOERROR", name: fqdn, ips: [svc.clusterIP], kind: "service" };
  }
  const ext = c.world.externals.filter((e) => e.hostnames.some((h) => normalizeName(h) === fqdn)).map((e) => e.ip);
  if (ext.length > 0) return { rcode: "NOERROR", name: fqdn, ips: [...new Set(ext)].sort(), kind: "external" };
  return undefined;
}

/** Resolve `name` for a client in `clientNamespace` (undefined for nodes/external clients: no search path). */
export function resolveName(c: Compiled, name: string, clientNamespace: string | undefined): DnsAnswer {
  const n = normalizeName(name);
  const absolute = name.trim().endsWith(".");
  const candidates: string[] = [];
  if (!absolute && clientNamespace !== undefined && n.split(".").length < 5) {
    candidates.push(`${n}.${clientNamespace}.svc.cluster.local`, `${n}.svc.cluster.local`, `${n}.cluster.local`);
  }
  candidates.push(n);
  for (const cand of candidates) {
    const a = lookupAbsolute(c, cand);
    if (a) return a;
  }
  return { rcode: "NXDOMAIN", name: n };
}
