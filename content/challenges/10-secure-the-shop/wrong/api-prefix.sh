# fails: api-precise
# Allows any method on any /api/ path: PUT /api/products and GET /api/orders get through.
cat <<EOT | kubectl apply -f -
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: frontend-ingress
  namespace: shop
spec:
  description: Anyone may open the storefront on 80/TCP
  endpointSelector:
    matchLabels:
      role: frontend
  ingress:
  - fromEntities:
    - all
    toPorts:
    - ports:
      - port: "80"
        protocol: TCP
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: backend-ingress
  namespace: shop
spec:
  description: The frontend uses the shop API; Prometheus scrapes /metrics
  endpointSelector:
    matchLabels:
      role: backend
  ingress:
  - fromEndpoints:
    - matchLabels:
        role: frontend
    toPorts:
    - ports:
      - port: "8080"
        protocol: TCP
      rules:
        http:
        - path: /api/.*
  - fromEndpoints:
    - matchLabels:
        k8s:io.kubernetes.pod.namespace: monitoring
        app: prometheus
    toPorts:
    - ports:
      - port: "8080"
        protocol: TCP
      rules:
        http:
        - method: GET
          path: /metrics
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: db-ingress
  namespace: shop
spec:
  description: Only the backend reaches PostgreSQL
  endpointSelector:
    matchLabels:
      role: db
  ingress:
  - fromEndpoints:
    - matchLabels:
        role: backend
    toPorts:
    - ports:
      - port: "5432"
        protocol: TCP
EOT
