# Lesson 13: stage the landing policy in audit mode, fix what the AUDIT verdicts show, then enforce.
cilium config set policy-audit-mode true
kubectl apply -f landing.yaml
kubectl exec interceptor -- curl -s -XPOST deathstar.default.svc.cluster.local/v1/request-landing
hubble observe --type policy-verdict --verdict AUDIT
cat <<EOT | kubectl apply -f -
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: landing
spec:
  description: Only Imperial ships may land on the deathstar
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
cilium config set policy-audit-mode false
