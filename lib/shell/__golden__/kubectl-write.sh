kubectl apply -f sw_l3_l4_policy.yaml
kubectl apply -f sw_l3_l4_policy.yaml
kubectl get cnp
kubectl apply -f https://raw.githubusercontent.com/cilium/cilium/1.19.4/examples/minikube/sw_l3_l4_l7_policy.yaml
kubectl create -f sw_l3_l4_policy.yaml
kubectl delete cnp rule1
kubectl delete cnp rule1
kubectl create -f sw_l3_l4_policy.yaml
kubectl delete -f sw_l3_l4_policy.yaml
kubectl delete -f sw_l3_l4_policy.yaml
cat <<EOF | kubectl apply -f -
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata:
  name: cluster-default-deny
spec:
  endpointSelector: {}
  ingress:
  - {}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny
spec:
  podSelector: {}
  policyTypes:
  - Ingress
EOF
kubectl get ccnp
kubectl get netpol
kubectl delete ccnp cluster-default-deny
kubectl delete netpol default-deny
kubectl apply -f - <<EOF
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: bad-port
spec:
  endpointSelector:
    matchLabels:
      org: empire
  ingress:
  - toPorts:
    - ports:
      - port: "80"
        protocol: HTTP
EOF
kubectl apply -f - <<EOF
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: kafka-plans
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
      - port: "9092"
        protocol: TCP
      rules:
        kafka:
        - role: produce
          topic: deathstar-plans
EOF
kubectl apply -f - <<EOF
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: empire-only
spec:
  endpointSelector:
    matchLabels:
      class: deathstar
  ingress:
  - fromRequires:
    - matchLabels:
        org: empire
  egress:
  - toRequires:
    - matchLabels:
        org: empire
EOF
kubectl apply -f - <<EOF
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: mutual-auth
spec:
  endpointSelector:
    matchLabels:
      class: deathstar
  ingress:
  - fromEndpoints:
    - matchLabels:
        org: empire
    authentication:
      mode: required
EOF
kubectl get cnp mutual-auth
kubectl delete cnp mutual-auth
kubectl apply -f bad-yaml.yaml
kubectl apply -f typo.yaml
kubectl apply -f missing.yaml
kubectl apply
kubectl apply -f
kubectl label pod xwing org=empire
kubectl label pod xwing org=empire --overwrite
kubectl label pod xwing org=empire --overwrite
kubectl label pod xwing org-
kubectl label pod xwing nosuch-
kubectl label pod xwing org=alliance
kubectl label node kind-worker ingress-ready=true
kubectl get nodes -L ingress-ready
kubectl label pod x-wing a=b
kubectl label pod xwing
kubectl delete pod
kubectl delete cnp nothing-here
kubectl apply -f sw_l3_l4_policy.yaml
kubectl get cnp rule1 -o yaml
kubectl delete -f sw_l3_l4_policy.yaml
kubectl apply -n kube-system -f sw_l3_l4_policy.yaml
kubectl get cnp -A
kubectl delete -n kube-system -f sw_l3_l4_policy.yaml
kubectl apply -n kube-system -f in-default.yaml
kubectl apply -n default -f in-default.yaml
kubectl apply -f https://raw.githubusercontent.com/cilium/cilium/1.19.4/examples/minikube/http-sw-app.yaml
kubectl apply -f https://raw.githubusercontent.com/cilium/cilium/1.19.4/examples/minikube/http-sw-app.yaml
kubectl get pods
kubectl get rs
kubectl rollout restart deployment/deathstar
kubectl get events
kubectl rollout status deployment/deathstar
kubectl get rs
kubectl get pods
kubectl -n kube-system get pods -l k8s-app=cilium -o wide
kubectl -n kube-system rollout restart ds/cilium
kubectl -n kube-system rollout status ds/cilium
kubectl -n kube-system get pods -l k8s-app=cilium -o wide
kubectl rollout restart daemonset cilium -n kube-system
kubectl rollout restart daemonset cilium -n kube-system
kubectl rollout restart pod/xwing
kubectl rollout restart deploy/nope
kubectl rollout status pod/xwing
kubectl rollout restart
kubectl rollout undo deployment/deathstar
kubectl create deployment web --image=nginx --replicas=2
kubectl get pods -l app=web
kubectl create deployment x
kubectl create deployment api --image=quay.io/cilium/json-mock:v1.3.8 --port 8080 --dry-run=client -o yaml
