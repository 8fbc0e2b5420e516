/** Requests and results of connect(): what curl, nc, ping and nslookup in the shell need. */
import type { Verdict } from "@/lib/engine";

/** Where a client runs. */
export type ClientRef =
  | { readonly kind: "pod"; readonly namespace: string; readonly name: string }
  | { readonly kind: "node"; readonly name: string }
  | { readonly kind: "external"; readonly name: string };

export interface ConnectRequest {
  readonly from: ClientRef;
  /** A DNS name (`deathstar`, `deathstar.default.svc.cluster.local`, `api.github.com`), an IP or a ClusterIP. */
  readonly host: string;
  /** Destination port; ignored for icmp. For `dns`, the DNS server port (53). */
  readonly port: number;
  readonly kind: "http" | "tcp" | "udp" | "icmp" | "dns";
  readonly http?: {
    readonly method: string;
    readonly path: string;
    readonly headers?: Readonly<Record<string, string>>;
    readonly body?: string;
    readonly scheme?: "http" | "https";
  };
  /** For kind=dns: the query type (A by default). `host` is the name to look up. */
  readonly dnsType?: "A" | "AAAA";
  /** Client timeout in ms (curl --connect-timeout / -m); default 5000 for the simulated hang. */
  readonly timeoutMs?: number;
}

export interface HttpResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** What the client experiences. `elapsedMs` is how long it would take (the shell may simulate the wait). */
export type ConnectOutcome =
  /** Name did not resolve (curl exit 6 "Could not resolve host"). */
  | { readonly status: "nxdomain"; readonly name: string; readonly elapsedMs: number }
  /** The DNS proxy refused the lookup (L7 DNS rule) — the client sees a resolution failure too. */
  | { readonly status: "dns-refused"; readonly name: string; readonly elapsedMs: number }
  /** The DNS query itself was dropped: the client times out resolving. */
  | { readonly status: "dns-timeout"; readonly name: string; readonly elapsedMs: number }
  /** Packets dropped: the client hangs until its timeout (curl exit 28). */
  | { readonly status: "timeout"; readonly elapsedMs: number }
  /**
   * policy-deny-response=icmp and policy denied the packet on the client's egress: the datapath answers with
   * ICMP destination unreachable, code 13 (communication administratively prohibited), sent as if from `from`
   * (the destination). The kernel turns it into EHOSTUNREACH ("No route to host") at once.
   */
  | { readonly status: "unreachable"; readonly from: string; readonly elapsedMs: number }
  /** Delivered but nothing listens on that port: TCP RST (curl exit 7 "Connection refused"). */
  | { readonly status: "refused"; readonly elapsedMs: number }
  /** The HTTP exchange happened: the app's answer, or the proxy's 403 `Access denied` (deniedByProxy). */
  | {
      readonly status: "http";
      readonly response: HttpResponse;
      readonly deniedByProxy: boolean;
      readonly elapsedMs: number;
    }
  /** A TCP/UDP connection without HTTP (nc -z) succeeded. */
  | { readonly status: "connected"; readonly elapsedMs: number }
  /** ping answered. */
  | { readonly status: "icmp-reply"; readonly elapsedMs: number }
  /** nslookup / dig answer. */
  | {
      readonly status: "dns-answer";
      readonly name: string;
      readonly answers: readonly string[];
      readonly server: string;
      readonly elapsedMs: number;
    };

export interface ConnectResult {
  readonly outcome: ConnectOutcome;
  /** Name → IP resolution done for the request, when a name was given. */
  readonly resolved?: { readonly name: string; readonly ip: string; readonly fqdn: string };
  /** The engine's verdict for the main connection (absent when resolution failed first). */
  readonly verdict?: Verdict;
  /** The backend chosen when the destination was a Service. */
  readonly backend?: { readonly name: string; readonly ip: string; readonly port: number };
  /** The client's own IP and source port as seen by the server (after SNAT). */
  readonly sourceIP?: string;
}
