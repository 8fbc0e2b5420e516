# fails: every-namespace
# Cluster-wide kind, but it only selects the shop namespace's pods.
cat <<EOT | kubectl apply -f -
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata:
  name: tools-quarantine
spec:
  endpointSelector:
    matchLabels:
      k8s:io.kubernetes.pod.namespace: shop
  ingress:
  - fromEntities:
    - all
  ingressDeny:
  - fromEndpoints:
    - matchLabels:
        k8s:io.kubernetes.pod.namespace: tools
EOT
