# fails: fleet-lands
# The deny-only trap: the ingressDeny section also enables ingress default deny, so every ship is dropped.
cat <<EOT | kubectl apply -f -
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: no-probes
spec:
  description: The probe droid may not reach the deathstar
  endpointSelector:
    matchLabels:
      class: deathstar
  ingressDeny:
  - fromEndpoints:
    - matchLabels:
        class: probe-droid
EOT
