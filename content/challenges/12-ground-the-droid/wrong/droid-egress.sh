# fails: droid-elsewhere
# Cuts the droid's egress to everything: it is grounded at the Death Star, but everywhere else too.
cat <<EOT | kubectl apply -f -
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: no-probes
spec:
  description: The probe droid may not send anything
  endpointSelector:
    matchLabels:
      class: probe-droid
  enableDefaultDeny:
    egress: false
  egressDeny:
  - toEntities:
    - all
EOT
