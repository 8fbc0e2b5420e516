# The backend's egress: db, DNS, the API server entity, and the provider's /24 minus .66 on 443.
cat <<EOT | kubectl apply -f -
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: backend-egress
  namespace: shop
spec:
  description: The backend talks to its db, DNS, the API server and its payment provider, nothing else
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
  - toCIDRSet:
    - cidr: 203.0.113.0/24
      except:
      - 203.0.113.66/32
    toPorts:
    - ports:
      - port: "443"
        protocol: TCP
EOT
