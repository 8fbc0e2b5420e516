# fails: only-the-deathstar
# Selects the whole Empire: the TIE fighter is routed through the gateway too.
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
        org: empire
  destinationCIDRs:
  - 10.0.4.0/24
  excludedCIDRs:
  - 10.0.4.53/32
  egressGateway:
    nodeSelector:
      matchLabels:
        egress-gw: outpost
    interface: net1
EOT
