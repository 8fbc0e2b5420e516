# Lesson 7: reserved identities and entities.
kubectl -n kube-system exec ds/cilium -- cilium-dbg identity list
kubectl apply -f deathstar-from-cluster.yaml
cat <<EOT | kubectl apply -f -
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: tiefighter-stays-inside
spec:
  description: The tiefighter may talk to anything in the cluster, nothing outside
  endpointSelector:
    matchLabels:
      class: tiefighter
  egress:
  - toEntities:
    - cluster
EOT
