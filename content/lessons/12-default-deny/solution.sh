# Lesson 12: a deny-only policy that does not switch on default deny.
cat <<EOT | kubectl apply -f -
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: deny-xwing
spec:
  description: Keep the xwing away from the deathstar; nothing else is meant to change
  endpointSelector:
    matchLabels:
      class: deathstar
  enableDefaultDeny:
    ingress: false
  ingressDeny:
  - fromEndpoints:
    - matchLabels:
        class: xwing
EOT
