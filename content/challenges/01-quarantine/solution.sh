# Quarantine by identity: label the xwing, then one policy for every pod with quarantine=true.
kubectl label pod xwing quarantine=true
cat <<EOT | kubectl apply -f -
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: quarantine
spec:
  description: Pods labelled quarantine=true talk to nothing, and nothing talks to them
  endpointSelector:
    matchLabels:
      quarantine: "true"
  ingressDeny:
  - fromEntities:
    - all
  egressDeny:
  - toEntities:
    - all
EOT
