# fails: shop-works
# A deny-only policy: every pod it selects goes default-deny, so nothing reaches anything.
cat <<EOT | kubectl apply -f -
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata:
  name: tools-quarantine
spec:
  endpointSelector: {}
  ingressDeny:
  - fromEndpoints:
    - matchLabels:
        k8s:io.kubernetes.pod.namespace: tools
EOT
