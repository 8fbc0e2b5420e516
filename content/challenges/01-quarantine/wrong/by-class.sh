# fails: rule-is-the-label
# Isolates the xwing by its class instead of by the quarantine label: the probe droid stays free.
kubectl label pod xwing quarantine=true
cat <<EOT | kubectl apply -f -
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: quarantine
spec:
  endpointSelector:
    matchLabels:
      class: xwing
  ingressDeny:
  - fromEntities:
    - all
  egressDeny:
  - toEntities:
    - all
EOT
