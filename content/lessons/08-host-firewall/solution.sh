# Lesson 8: enable the host firewall and protect the workers with a nodeSelector host policy.
helm upgrade cilium cilium/cilium --namespace kube-system --reuse-values --set hostFirewall.enabled=true
kubectl label node kind-worker node-access=example
kubectl label node kind-worker2 node-access=example
cat <<EOT | kubectl apply -f -
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata:
  name: workers-ssh-from-admin
spec:
  description: Workers accept the cluster, and SSH from the admin laptop only
  nodeSelector:
    matchLabels:
      node-access: example
  ingress:
  - fromEntities:
    - cluster
  - fromCIDR:
    - 172.18.0.100/32
    toPorts:
    - ports:
      - port: "22"
        protocol: TCP
EOT
