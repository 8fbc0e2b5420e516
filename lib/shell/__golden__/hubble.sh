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
