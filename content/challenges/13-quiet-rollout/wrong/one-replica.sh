# fails: landing-audited
# Audits only the replica on kind-worker: the one on kind-worker2 enforces the draft and drops the xwing.
kubectl exec -n kube-system cilium-8bmfw -- cilium-dbg endpoint config 2778 PolicyAuditMode=Enabled
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
