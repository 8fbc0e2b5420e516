# Challenge 13: enforce the quarantine, stage the (fixed) landing policy with audit mode on the two deathstar
# endpoints only: 2778 in cilium-8bmfw (kind-worker), 3430 in cilium-zq9tl (kind-worker2).
kubectl exec -n kube-system cilium-8bmfw -- cilium-dbg endpoint config 2778 PolicyAuditMode=Enabled
kubectl exec -n kube-system cilium-zq9tl -- cilium-dbg endpoint config 3430 PolicyAuditMode=Enabled
kubectl apply -f quarantine.yaml
cat <<EOT | kubectl apply -f -
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: landing
spec:
  description: Only Imperial ships may land on the deathstar (audited first)
  endpointSelector:
    matchLabels:
      class: deathstar
  ingress:
  - fromEndpoints:
    - matchLabels:
        org: empire
    toPorts:
    - ports:
      - port: "80"
        protocol: TCP
EOT
