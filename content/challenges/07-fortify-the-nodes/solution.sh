# Host firewall on; every node: the cluster plus SSH from the laptop; the control plane also the API from the laptop.
cilium config set enable-host-firewall true
cat <<EOT | kubectl apply -f -
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata:
  name: nodes-fortified
spec:
  description: Every node accepts the cluster, and SSH from the admin laptop
  nodeSelector:
    matchLabels:
      kubernetes.io/os: linux
  ingress:
  - fromEntities:
    - cluster
  - fromCIDR:
    - 172.18.0.100/32
    toPorts:
    - ports:
      - port: "22"
        protocol: TCP
---
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata:
  name: control-plane-api
spec:
  description: The admin laptop may reach the Kubernetes API on the control plane
  nodeSelector:
    matchLabels:
      node-role.kubernetes.io/control-plane: ""
  ingress:
  - fromCIDR:
    - 172.18.0.100/32
    toPorts:
    - ports:
      - port: "6443"
        protocol: TCP
EOT
