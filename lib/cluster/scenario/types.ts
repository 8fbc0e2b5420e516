/** A parsed scenario (content/scenarios/README.md). */
import type { ContainerPort, EnforcementMode, HostListener, Labels, NetInterface, Protocol } from "@/lib/engine";

export interface HttpRoute {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** A tiny HTTP (or plain TCP) application: method + path → response. `{{sourceIP}}` in a body is replaced by the client IP the server sees. */
export interface AppSpec {
  readonly name: string;
  /** Ports it listens on. */
  readonly ports: readonly { readonly port: number; readonly protocol: Protocol; readonly tls?: boolean }[];
  readonly http: boolean;
  readonly routes: readonly HttpRoute[];
  readonly notFound: { readonly status: number; readonly body: string };
  /** Simulated server time per request. */
  readonly latencyMs: number;
}

export interface ScenarioNode {
  readonly name: string;
  readonly ip: string;
  readonly podCIDR: string;
  readonly labels: Labels;
  readonly roles: readonly string[];
  readonly interfaces: readonly NetInterface[];
  readonly defaultRouteInterface: string;
  readonly listeners: readonly HostListener[];
}

export interface ScenarioPod {
  readonly name: string;
  readonly node: string;
  readonly ip: string;
}

export interface ScenarioContainer {
  readonly name: string;
  readonly image: string;
  readonly ports: readonly ContainerPort[];
}

export interface ScenarioWorkload {
  readonly kind: "Deployment" | "StatefulSet" | "DaemonSet" | "Pod";
  readonly name: string;
  readonly namespace: string;
  readonly labels: Labels;
  /** Labels of the workload object itself (Deployment metadata); defaults to `labels`. */
  readonly workloadLabels: Labels;
  readonly containers: readonly ScenarioContainer[];
  readonly pods: readonly ScenarioPod[];
  readonly templateHash?: string;
  readonly hostNetwork: boolean;
  readonly serviceAccount: string;
  readonly app?: string;
  readonly identity?: number;
}

export interface ScenarioService {
  readonly name: string;
  readonly namespace: string;
  readonly clusterIP: string;
  readonly selector?: Labels;
  readonly labels: Labels;
  readonly ports: readonly {
    readonly name?: string;
    readonly port: number;
    readonly targetPort: number | string;
    readonly protocol: Protocol;
  }[];
  readonly endpoints?: readonly { readonly ip: string; readonly port: number }[];
}

export interface ScenarioExternal {
  readonly name: string;
  readonly ip: string;
  readonly hostnames: readonly string[];
  readonly kubeApiserver: boolean;
  readonly app?: string;
}

export interface Scenario {
  readonly name: string;
  readonly description: string;
  readonly clusterName: string;
  readonly kubernetesVersion: string;
  readonly ciliumVersion: string;
  readonly settings: {
    readonly enforcementMode: EnforcementMode;
    readonly hostFirewall: boolean;
    readonly egressGateway: boolean;
    readonly policyAuditMode?: boolean;
    readonly nodeSelectorLabels?: boolean;
    readonly clusterNetworkPolicy?: boolean;
    /** The ClusterNetworkPolicy CRD is installed (it is not part of Cilium's install; default false). */
    readonly clusterNetworkPolicyCrd?: boolean;
    readonly policyCidrMatchMode?: "" | "nodes" | "pods" | "nodes pods";
  };
  readonly nodes: readonly ScenarioNode[];
  readonly namespaces: readonly { readonly name: string; readonly labels: Labels }[];
  readonly workloads: readonly ScenarioWorkload[];
  readonly services: readonly ScenarioService[];
  readonly externals: readonly ScenarioExternal[];
  readonly apps: ReadonlyMap<string, AppSpec>;
  /** Manifests applied after the cluster is built (multi-document YAML), e.g. a starting policy. */
  readonly manifests: string;
  /** Epoch ms the cluster was "created" at, relative to the clock: objects are this much older. */
  readonly ageMs: number;
}
