# fails: fleet-lands
# Denies the droid's organisation instead of the droid: the tiefighter and the interceptor are grounded too.
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
        org: empire
EOT
