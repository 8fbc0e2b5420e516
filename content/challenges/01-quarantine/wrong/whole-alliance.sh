# fails: rebels-unaffected
# Quarantines the whole Alliance (org=alliance) instead of the label: the Y-wing is cut off too,
# and the probe droid, which carries the label, stays free.
kubectl label pod xwing quarantine=true
cat <<EOT | kubectl apply -f -
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: quarantine
spec:
  endpointSelector:
    matchLabels:
      org: alliance
  ingressDeny:
  - fromEntities:
    - all
  egressDeny:
  - toEntities:
    - all
EOT
