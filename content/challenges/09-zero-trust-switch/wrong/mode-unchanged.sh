# fails: zero-trust
# All the right policies, but the cluster still runs in default mode: everything else stays open.
cat <<EOT | kubectl apply -f -
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: empire-egress
spec:
  description: Imperial ships resolve names and land on the Death Star
  endpointSelector:
    matchLabels:
      org: empire
  egress:
  - toEndpoints:
    - matchLabels:
        k8s:io.kubernetes.pod.namespace: kube-system
        k8s:k8s-app: kube-dns
    toPorts:
    - ports:
      - port: "53"
        protocol: ANY
  - toEndpoints:
    - matchLabels:
        class: deathstar
    toPorts:
    - ports:
      - port: "80"
        protocol: TCP
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: deathstar-ingress
spec:
  description: The Death Star accepts Imperial ships on 80/TCP
  endpointSelector:
    matchLabels:
      class: deathstar
  ingress:
  - fromEndpoints:
    - matchLabels:
        org: empire
    toPorts:
    - ports:
      - port: "80"
        protocol: TCP
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: kube-dns-ingress
  namespace: kube-system
spec:
  description: kube-dns answers Imperial ships from the default namespace
  endpointSelector:
    matchLabels:
      k8s-app: kube-dns
  ingress:
  - fromEndpoints:
    - matchLabels:
        k8s:io.kubernetes.pod.namespace: default
        org: empire
    toPorts:
    - ports:
      - port: "53"
        protocol: ANY
EOT
