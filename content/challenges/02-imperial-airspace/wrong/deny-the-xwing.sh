# fails: whole-alliance
# Denies the X-wing and allows everything else: the Y-wing still lands, and every port stays open.
cat <<EOT | kubectl apply -f -
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: imperial-airspace
spec:
  endpointSelector:
    matchLabels:
      class: deathstar
  ingress:
  - fromEntities:
    - all
  ingressDeny:
  - fromEndpoints:
    - matchLabels:
        class: xwing
EOT
