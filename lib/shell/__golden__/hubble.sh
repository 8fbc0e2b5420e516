kubectl exec tiefighter -- curl -s -XPOST deathstar.default.svc.cluster.local/v1/request-landing
kubectl apply -f sw_l3_l4_policy.yaml
kubectl exec xwing -- curl -s --connect-timeout 2 -XPOST deathstar.default.svc.cluster.local/v1/request-landing
hubble observe --last 8
hubble observe --verdict DROPPED
hubble observe --verdict FORWARDED --last 3
hubble observe --pod xwing --last 4
hubble observe --from-pod default/tiefighter --last 3
hubble observe --to-pod deathstar --last 3
hubble observe --namespace kube-system --last 2
hubble observe --protocol tcp --last 2
hubble observe --protocol http
kubectl apply -f https://raw.githubusercontent.com/cilium/cilium/1.19.4/examples/minikube/sw_l3_l4_l7_policy.yaml
kubectl exec tiefighter -- curl -s -XPOST deathstar.default.svc.cluster.local/v1/request-landing
kubectl exec tiefighter -- curl -s -XPUT deathstar.default.svc.cluster.local/v1/exhaust-port
hubble observe --protocol http
hubble observe --http-status 200
hubble observe --last 1 -o json
hubble observe --verdict dropped
hubble observe --foo
hubble obsrve
hubble observe --first 5 --last 5
hubble observe -t dorp
hubble observe --last 2 -o table
kubectl exec xwing -- nslookup deathstar
hubble observe --port 53
hubble observe --protocol udp --last 4
hubble observe --protocol dns
hubble observe --ip 10.244.2.34 --last 4
hubble observe --from-ip 10.244.2.34 --last 3
hubble observe --to-ip 10.244.2.34 --last 3
hubble observe --ip 10.244.2.0/24 --ip 10.244.1.197 --last 3
hubble observe --from-label org=alliance --last 3
hubble observe -l k8s:class=xwing --to-port 80 --last 3
hubble observe --identity 1071 --verdict DROPPED --last 2
hubble observe --to-identity world
hubble observe --not --verdict FORWARDED --last 3
hubble observe -A --last 2
hubble observe -n kube-system --not --to-port 53 --last 2
hubble observe --type trace:to-endpoint --last 2
hubble observe --type drop --last 1
hubble observe --http-method put
hubble observe --http-path '^/v1/request' --last 2
hubble observe --pod xwing --ip 10.0.0.1
hubble observe --not
hubble observe --ip 10.0.0.300
hubble observe --identity wrld
hubble observe --protocol foo
hubble observe --port http
hubble observe --traffic-direction sideways
kubectl exec tiefighter -- curl -s -o /dev/null deathstar/v1/
hubble observe --since 3s
hubble observe --since 1h --verdict DROPPED --last 2
hubble observe --since 2026-01-15T10:00:00Z --until 2026-01-15T10:00:02Z
hubble observe --since yesterday
kubectl delete cnp rule1
kubectl apply -f - <<EOF
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: landing
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
  log:
    value: empire-landing
EOF
kubectl exec tiefighter -- curl -s -XPOST deathstar.default.svc.cluster.local/v1/request-landing
kubectl exec xwing -- curl -s --connect-timeout 2 -XPOST deathstar.default.svc.cluster.local/v1/request-landing
hubble observe --type policy-verdict --from-pod default/tiefighter --last 1 --print-policy-names
hubble observe --type policy-verdict --last 2
hubble observe --type policy-verdict --verdict FORWARDED --last 1 -o json
hubble observe --type policy-verdict --last 1 --print-policy-names -o table
kubectl apply -f - <<EOF
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: no-xwing
spec:
  endpointSelector:
    matchLabels:
      class: deathstar
  ingressDeny:
  - fromEndpoints:
    - matchLabels:
        class: xwing
EOF
kubectl exec xwing -- curl -s --connect-timeout 2 -XPOST deathstar.default.svc.cluster.local/v1/request-landing
hubble observe --type policy-verdict --last 1 --print-policy-names
hubble observe --type drop --last 1 -o json
kubectl apply -f - <<EOF
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: chatty
spec:
  endpointSelector: {}
  egress:
  - toEntities:
    - world
  log:
    value: this-log-value-is-longer-than-32-characters
EOF
