# fails: no-world
# Opens the world on 443 and denies the bad host: it works, but the whole internet is allowed.
cat <<EOT | kubectl apply -f -
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: backend-egress
  namespace: shop
spec:
  endpointSelector:
    matchLabels:
      role: backend
  egress:
  - toEndpoints:
    - matchLabels:
        role: db
    toPorts:
    - ports:
      - port: "5432"
        protocol: TCP
  - toEndpoints:
    - matchLabels:
        k8s:io.kubernetes.pod.namespace: kube-system
        k8s:k8s-app: kube-dns
    toPorts:
    - ports:
      - port: "53"
        protocol: ANY
  - toEntities:
    - kube-apiserver
    - world
    toPorts:
    - ports:
      - port: "443"
        protocol: TCP
  egressDeny:
  - toCIDR:
    - 203.0.113.66/32
EOT
