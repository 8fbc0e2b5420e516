# fails: tools-reaches-internet
# Cuts tools' egress instead: its deny-only egress section makes tools egress default-deny, internet included.
cat <<EOT | kubectl apply -f -
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata:
  name: tools-quarantine
spec:
  endpointSelector:
    matchLabels:
      k8s:io.kubernetes.pod.namespace: tools
  egressDeny:
  - toEntities:
    - cluster
EOT
