# fails: cluster-works
# Only the laptop is allowed in: the nodes no longer accept their own cluster (kubelet, API).
cilium config set enable-host-firewall true
cat <<EOT | kubectl apply -f -
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata:
  name: nodes-fortified
spec:
  nodeSelector:
    matchLabels:
      kubernetes.io/os: linux
  ingress:
  - fromCIDR:
    - 172.18.0.100/32
    toPorts:
    - ports:
      - port: "22"
        protocol: TCP
      - port: "6443"
        protocol: TCP
EOT
