# Every pod: allow everything, deny what comes from the tools namespace (deny wins over allow).
cat <<EOT | kubectl apply -f -
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata:
  name: tools-quarantine
spec:
  description: No pod in any namespace accepts connections from the tools namespace
  endpointSelector: {}
  ingress:
  - fromEntities:
    - all
  ingressDeny:
  - fromEndpoints:
    - matchLabels:
        k8s:io.kubernetes.pod.namespace: tools
EOT
