# fails: laptop-limited
# Trusts the laptop on every port: the kubelet and etcd are open to it.
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
  - fromEntities:
    - cluster
  - fromCIDR:
    - 172.18.0.100/32
EOT
