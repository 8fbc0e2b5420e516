/** The course's common policy shapes, as editor snippets (`${name}` fields are Tab stops). */
export interface Snippet {
  readonly label: string;
  readonly detail: string;
  readonly template: string;
}

const head = (name: string) => `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: \${${name}}
spec:
`;

export const SNIPPETS: readonly Snippet[] = [
  {
    label: "cnp: allow from pods (L3)",
    detail: "ingress fromEndpoints",
    template:
      head("allow-from-app") +
      `  endpointSelector:
    matchLabels:
      \${app}: \${server}
  ingress:
  - fromEndpoints:
    - matchLabels:
        \${app}: \${client}
`,
  },
  {
    label: "cnp: allow a port (L3/L4)",
    detail: "ingress fromEndpoints + toPorts",
    template:
      head("allow-port") +
      `  endpointSelector:
    matchLabels:
      \${class}: \${server}
  ingress:
  - fromEndpoints:
    - matchLabels:
        \${org}: \${client}
    toPorts:
    - ports:
      - port: "80"
        protocol: TCP
`,
  },
  {
    label: "cnp: allow an HTTP request (L7)",
    detail: "toPorts rules.http",
    template:
      head("allow-http") +
      `  endpointSelector:
    matchLabels:
      \${class}: \${server}
  ingress:
  - fromEndpoints:
    - matchLabels:
        \${org}: \${client}
    toPorts:
    - ports:
      - port: "80"
        protocol: TCP
      rules:
        http:
        - method: \${POST}
          path: \${/v1/request-landing}
`,
  },
  {
    label: "cnp: default deny ingress",
    detail: "ingress: [{}] selects, allows nothing",
    template:
      head("default-deny") +
      `  endpointSelector: {}
  ingress:
  - {}
`,
  },
  {
    label: "cnp: egress to a name (toFQDNs + DNS)",
    detail: "toFQDNs needs the DNS rule",
    template:
      head("to-fqdn") +
      `  endpointSelector:
    matchLabels:
      \${class}: \${client}
  egress:
  - toEndpoints:
    - matchLabels:
        k8s:io.kubernetes.pod.namespace: kube-system
        k8s:k8s-app: kube-dns
    toPorts:
    - ports:
      - port: "53"
        protocol: ANY
      rules:
        dns:
        - matchPattern: "*"
  - toFQDNs:
    - matchName: \${api.github.com}
    toPorts:
    - ports:
      - port: "443"
        protocol: TCP
`,
  },
  {
    label: "cnp: allow from an entity",
    detail: "fromEntities (world, cluster, host…)",
    template:
      head("allow-from-entity") +
      `  endpointSelector:
    matchLabels:
      \${class}: \${server}
  ingress:
  - fromEntities:
    - \${cluster}
`,
  },
];
