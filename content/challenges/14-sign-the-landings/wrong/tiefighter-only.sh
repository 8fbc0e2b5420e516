# fails: whole-empire-tagged
# Names the TIE fighter's class: the interceptor, also Imperial, is dropped.
cat <<EOF | kubectl apply -f -
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: empire-landing
spec:
  endpointSelector:
    matchLabels:
      class: deathstar
  ingress:
  - fromEndpoints:
    - matchLabels:
        class: tiefighter
    toPorts:
    - ports:
      - port: "80"
        protocol: TCP
  log:
    value: empire-landing
EOF
cat <<EOF | kubectl apply -f -
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: diplomatic-landing
spec:
  endpointSelector:
    matchLabels:
      class: deathstar
  ingress:
  - fromEndpoints:
    - matchLabels:
        class: ywing
    toPorts:
    - ports:
      - port: "80"
        protocol: TCP
  log:
    value: diplomatic-landing
EOF
