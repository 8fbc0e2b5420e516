# fails: dependencies
# Reaches the API server through its IP with a CIDR rule: CIDR rules never match cluster nodes.
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
  - toCIDR:
    - 172.18.0.2/32
  - toCIDRSet:
    - cidr: 203.0.113.0/24
      except:
      - 203.0.113.66/32
    toPorts:
    - ports:
      - port: "443"
        protocol: TCP
EOT
