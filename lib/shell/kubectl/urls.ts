/**
 * The few public manifests the Star Wars demo applies by URL (Cilium's examples/minikube), served from here
 * because the lab has no Internet. Any ref of github.com/cilium/cilium is accepted.
 */
const SW_L3_L4 = `apiVersion: "cilium.io/v2"
kind: CiliumNetworkPolicy
metadata:
  name: "rule1"
spec:
  description: "L3-L4 policy to restrict deathstar access to empire ships only"
  endpointSelector:
    matchLabels:
      org: empire
      class: deathstar
  ingress:
  - fromEndpoints:
    - matchLabels:
        org: empire
    toPorts:
    - ports:
      - port: "80"
        protocol: TCP
`;

const SW_L3_L4_L7 = `apiVersion: "cilium.io/v2"
kind: CiliumNetworkPolicy
metadata:
  name: "rule1"
spec:
  description: "L7 policy to restrict access to specific HTTP call"
  endpointSelector:
    matchLabels:
      org: empire
      class: deathstar
  ingress:
  - fromEndpoints:
    - matchLabels:
        org: empire
    toPorts:
    - ports:
      - port: "80"
        protocol: TCP
      rules:
        http:
        - method: "POST"
          path: "/v1/request-landing"
`;

const HTTP_SW_APP = `---
apiVersion: v1
kind: Service
metadata:
  name: deathstar
  labels:
    app.kubernetes.io/name: deathstar
spec:
  type: ClusterIP
  ports:
  - port: 80
  selector:
    org: empire
    class: deathstar
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: deathstar
  labels:
    app.kubernetes.io/name: deathstar
spec:
  replicas: 2
  selector:
    matchLabels:
      org: empire
      class: deathstar
  template:
    metadata:
      labels:
        org: empire
        class: deathstar
        app.kubernetes.io/name: deathstar
    spec:
      containers:
      - name: deathstar
        image: quay.io/cilium/starwars:v2.1@sha256:833d915ec68fca3ce83668fc5dae97c455b2134d8f23ef96586f55b894cfb1e8
---
apiVersion: v1
kind: Pod
metadata:
  name: tiefighter
  labels:
    org: empire
    class: tiefighter
    app.kubernetes.io/name: tiefighter
spec:
  containers:
  - name: spaceship
    image: quay.io/cilium/json-mock:v1.3.8@sha256:5aad04835eda9025fe4561ad31be77fd55309af8158ca8663a72f6abb78c2603
---
apiVersion: v1
kind: Pod
metadata:
  name: xwing
  labels:
    app.kubernetes.io/name: xwing
    org: alliance
    class: xwing
spec:
  containers:
  - name: spaceship
    image: quay.io/cilium/json-mock:v1.3.8@sha256:5aad04835eda9025fe4561ad31be77fd55309af8158ca8663a72f6abb78c2603
`;

/**
 * The ClusterNetworkPolicy CRD of the network-policy-api project (standard channel), which Cilium does not
 * install ("CRD installation steps" in Cilium's docs). Abridged: the lab's API server validates the kind with
 * its own schema (lib/cluster/schema/network-policy-api.ts), so only the definition's identity is kept here.
 */
const NPA_CNP_CRD = `---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  annotations:
    policy.networking.k8s.io/bundle-version: v0.2.0
    policy.networking.k8s.io/channel: standard
  name: clusternetworkpolicies.policy.networking.k8s.io
spec:
  group: policy.networking.k8s.io
  names:
    kind: ClusterNetworkPolicy
    listKind: ClusterNetworkPolicyList
    plural: clusternetworkpolicies
    shortNames:
    - cnp
    singular: clusternetworkpolicy
  scope: Cluster
  versions:
  - additionalPrinterColumns:
    - jsonPath: .spec.tier
      name: Tier
      type: string
    - jsonPath: .spec.priority
      name: Priority
      type: string
    - jsonPath: .metadata.creationTimestamp
      name: Age
      type: date
    name: v1alpha2
    schema:
      openAPIV3Schema:
        description: |-
          ClusterNetworkPolicy is a cluster-wide network policy resource.
        required:
        - metadata
        - spec
        type: object
    served: true
    storage: true
    subresources:
      status: {}
`;

const FILES: Readonly<Record<string, string>> = {
  "sw_l3_l4_policy.yaml": SW_L3_L4,
  "sw_l3_l4_l7_policy.yaml": SW_L3_L4_L7,
  "http-sw-app.yaml": HTTP_SW_APP,
};

/** The content behind a known URL, or undefined. */
export function builtinUrl(url: string): string | undefined {
  const m =
    /^https:\/\/(?:raw\.githubusercontent\.com\/cilium\/cilium\/[^/]+|github\.com\/cilium\/cilium\/raw\/[^/]+)\/examples\/minikube\/([^/?#]+)$/.exec(
      url,
    );
  if (m) return FILES[m[1] as string];
  const npa =
    /^https:\/\/(?:raw\.githubusercontent\.com\/kubernetes-sigs\/network-policy-api\/[^/]+|github\.com\/kubernetes-sigs\/network-policy-api\/raw\/[^/]+)\/config\/crd\/standard\/policy\.networking\.k8s\.io_clusternetworkpolicies\.yaml$/.exec(
      url,
    );
  return npa ? NPA_CNP_CRD : undefined;
}
