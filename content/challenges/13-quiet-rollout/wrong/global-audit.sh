# fails: quarantine-enforced
# Agent-wide audit mode stages the landing policy, but it also stops enforcing the quarantine.
cilium config set policy-audit-mode true
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
