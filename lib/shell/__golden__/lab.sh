# The lab's own tool: explain, allow this, impact preview, reachability matrix, and its errors.
help
lab
lab explain --from default/xwing --to svc:default/deathstar --port 80
kubectl apply -f sw_l3_l4_policy.yaml
lab explain --from default/xwing --to svc:default/deathstar --port 80
lab explain --from default/tiefighter --to default/deathstar --port 8080
lab matrix --namespace default --port 80
lab allow --from default/xwing --to svc:default/deathstar --port 80 > allow.yaml
cat allow.yaml
lab impact allow.yaml
kubectl apply -f allow.yaml
kubectl exec xwing -- curl -s -XPOST deathstar.default.svc.cluster.local/v1/request-landing
cat > l7.yaml <<EOT
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: rule1
spec:
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
lab impact l7.yaml
kubectl apply -f l7.yaml
lab explain --from default/tiefighter --to svc:default/deathstar --port 80 --http-method PUT --http-path /v1/exhaust-port
lab allow --from default/tiefighter --to svc:default/deathstar --port 80 --http-method PUT --http-path /v1/exhaust-port
lab matrix -n default
lab explain --from default/nope --to default/xwing --port 80
lab explain --from default/xwing --to svc:default/nope --port 80
lab explain --from default/xwing --port 80
lab explain --from xwing --to default/tiefighter --port 80
lab explain --from default/xwing --to default/tiefighter --port 99999
lab explain --from default/xwing --to default/tiefighter --port 80 --http-method GET
lab explain --from default/xwing --to external:nowhere --port 443
lab allow --from default/tiefighter --to default/xwing --port 80
lab impact nosuch.yaml
lab impact typo.yaml
lab impact
lab frobnicate
