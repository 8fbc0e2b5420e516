# fails: deathstar-via-gateway
# No interface: the gateway SNATs to its default-route interface (eth0, 172.18.0.4), not to 10.0.4.12.
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
EOT
