# fails: relay-direct
# Forgets the relay: 10.0.4.53 sees the gateway's address too.
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
  - 10.0.4.0/24
  egressGateway:
    nodeSelector:
      matchLabels:
        egress-gw: outpost
    interface: net1
EOT
