# Lesson 14: read the verdicts' policy names, explain the default-deny drop, tag the landing policy.
kubectl apply -f landing.yaml -f grounded.yaml
hubble observe --type policy-verdict --print-policy-names
lab explain --from default/xwing --to svc:default/deathstar --port 80
cat <<EOT | kubectl apply -f -
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: landing
spec:
  description: Imperial ships may land on the deathstar
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
  log:
    value: empire-landing
EOT
