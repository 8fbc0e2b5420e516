kubectl exec tiefighter -- curl -s -XPOST deathstar.default.svc.cluster.local/v1/request-landing
kubectl exec xwing -- curl -s -XPOST deathstar/v1/request-landing
kubectl exec xwing -- curl -s -XPOST deathstar.default/v1/request-landing
kubectl exec tiefighter -- curl -s -XPUT deathstar.default.svc.cluster.local/v1/exhaust-port
kubectl exec tiefighter -- curl -s deathstar.default.svc.cluster.local/v1/
kubectl exec tiefighter -- curl -s -o /dev/null -w '%{http_code}\n' deathstar/v1/nothing
kubectl exec tiefighter -- curl -sf deathstar/v1/nothing
kubectl exec tiefighter -- curl -i -X POST deathstar/v1/request-landing
kubectl exec tiefighter -- curl -s -H 'X-Has-Force: True' -d '{}' deathstar/v1/request-landing
kubectl apply -f sw_l3_l4_policy.yaml
kubectl exec xwing -- curl -s --connect-timeout 5 -XPOST deathstar.default.svc.cluster.local/v1/request-landing
kubectl exec xwing -- curl -sS --connect-timeout 5 -XPOST deathstar.default.svc.cluster.local/v1/request-landing
kubectl exec xwing -- curl -sS --max-time 3 -XPOST deathstar.default.svc.cluster.local/v1/request-landing
kubectl exec xwing -- curl --connect-timeout 2 deathstar/v1/
kubectl exec xwing -- curl -s -o /dev/null -w '%{http_code}\n' --connect-timeout 2 deathstar/v1/
kubectl apply -f https://raw.githubusercontent.com/cilium/cilium/1.19.4/examples/minikube/sw_l3_l4_l7_policy.yaml
kubectl exec tiefighter -- curl -s -XPUT deathstar.default.svc.cluster.local/v1/exhaust-port
kubectl exec tiefighter -- curl -si -XPUT deathstar.default.svc.cluster.local/v1/exhaust-port
kubectl exec tiefighter -- curl -sSf -XPUT deathstar.default.svc.cluster.local/v1/exhaust-port
kubectl exec tiefighter -- curl -s -XPOST deathstar.default.svc.cluster.local/v1/request-landing
kubectl exec tiefighter -- curl -sS nosuchhost
kubectl exec tiefighter -- curl --bogus deathstar
kubectl exec tiefighter -- curl
kubectl exec tiefighter -- nc -zv deathstar 80
kubectl exec xwing -- nc -zv -w 2 deathstar 80
kubectl exec tiefighter -- nc -zv deathstar 8080
kubectl exec tiefighter -- nslookup deathstar
kubectl exec tiefighter -- nslookup nosuch.default.svc.cluster.local
kubectl exec tiefighter -- dig +short deathstar.default.svc.cluster.local
kubectl exec tiefighter -- ping -c 2 10.244.2.34
kubectl exec -it tiefighter -- sh -c 'curl -s -XPOST deathstar/v1/request-landing | wc -c'
kubectl exec tiefighter curl deathstar
kubectl exec tiefighter
kubectl exec x-wing -- curl deathstar
kubectl exec tiefighter -- vim
docker exec kind-worker curl -s --connect-timeout 2 http://10.244.1.238/v1/
docker exec nosuch ls
docker ps
