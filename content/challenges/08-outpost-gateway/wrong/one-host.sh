# fails: outpost-network-only
# Fitted to the outpost host: the rest of the outpost network bypasses the gateway.
kubectl label node kind-worker2 egress-gw=outpost
cat <<EOT | kubectl apply -f -
apiVersion: cilium.io/v2
kind: CiliumEgressGatewayPolicy
metadata:
  name: deathstar-to-outpost
spec:
  selectors:
  - podSelector:
      matchLabels:
        class: deathstar
  destinationCIDRs:
  - 10.0.4.10/32
  egressGateway:
    nodeSelector:
      matchLabels:
        egress-gw: outpost
    interface: net1
EOT
