# fails: one-ccnp
# A CiliumNetworkPolicy in shop: right idea, wrong scope (other namespaces stay open).
cat <<EOT | kubectl apply -f -
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: tools-quarantine
  namespace: shop
spec:
  endpointSelector: {}
  ingress:
  - fromEntities:
    - all
  ingressDeny:
  - fromEndpoints:
    - matchLabels:
        k8s:io.kubernetes.pod.namespace: tools
EOT
