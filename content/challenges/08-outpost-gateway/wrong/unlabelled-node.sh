# fails: deathstar-via-gateway
# The policy selects a gateway label that no node carries: Cilium drops the traffic.
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
  excludedCIDRs:
  - 10.0.4.53/32
  egressGateway:
    nodeSelector:
      matchLabels:
        egress-gw: outpost
    interface: net1
EOT
