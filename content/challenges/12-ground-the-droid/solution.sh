# A deny rule on the deathstar's ingress that does not switch on ingress default deny.
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
  enableDefaultDeny:
    ingress: false
  ingressDeny:
  - fromEndpoints:
    - matchLabels:
        class: probe-droid
EOT
