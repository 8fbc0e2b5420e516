# The demo's L7 policy: the Empire may only request a landing.
cat <<EOT | kubectl apply -f -
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: landing-protocol
spec:
  description: L7 policy to restrict access to a specific HTTP call
  endpointSelector:
    matchLabels:
      org: empire
      class: deathstar
  ingress:
  - fromEndpoints:
    - matchLabels:
        org: empire
    toPorts:
    - ports:
      - port: "80"
        protocol: TCP
      rules:
        http:
        - method: POST
          path: /v1/request-landing
EOT
