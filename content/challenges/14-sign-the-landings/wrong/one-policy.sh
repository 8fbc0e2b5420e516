# fails: diplomat-tagged
# One policy admits both, so every landing carries the same tag.
cat <<EOF | kubectl apply -f -
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: landings
spec:
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
  - fromEndpoints:
    - matchLabels:
        class: ywing
    toPorts:
    - ports:
      - port: "80"
        protocol: TCP
  log:
    value: empire-landing
EOF
