# fails: node-selector
# The seed's "Method 1": an endpointSelector on reserved:host. Cilium accepts it but it selects no node.
cilium config set enable-host-firewall true
cat <<EOT | kubectl apply -f -
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata:
  name: nodes-fortified
spec:
  endpointSelector:
    matchLabels:
      reserved:host: ""
  ingress:
  - fromEntities:
    - cluster
  - fromCIDR:
    - 172.18.0.100/32
    toPorts:
    - ports:
      - port: "22"
        protocol: TCP
      - port: "6443"
        protocol: TCP
EOT
