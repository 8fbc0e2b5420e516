# fails: every-node
# Labels and protects the workers only: the control plane stays open to the internet.
cilium config set enable-host-firewall true
kubectl label node kind-worker node-access=restricted
kubectl label node kind-worker2 node-access=restricted
cat <<EOT | kubectl apply -f -
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata:
  name: nodes-fortified
spec:
  nodeSelector:
    matchLabels:
      node-access: restricted
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
