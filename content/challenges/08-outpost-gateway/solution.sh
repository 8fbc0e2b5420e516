# Mark kind-worker2 as the gateway; route class=deathstar to 10.0.4.0/24 (minus the relay) through its net1.
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
  excludedCIDRs:
  - 10.0.4.53/32
  egressGateway:
    nodeSelector:
      matchLabels:
        egress-gw: outpost
    interface: net1
EOT
