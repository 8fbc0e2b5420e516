# fails: xwing-isolated
# Only ingress is closed: the quarantined xwing can still send traffic to the Death Star.
kubectl label pod xwing quarantine=true
cat <<EOT | kubectl apply -f -
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: quarantine
spec:
  endpointSelector:
    matchLabels:
      quarantine: "true"
  ingressDeny:
  - fromEntities:
    - all
EOT
