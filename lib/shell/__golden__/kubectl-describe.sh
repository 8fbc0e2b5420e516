kubectl describe pod tiefighter
kubectl describe pod deathstar
kubectl describe svc deathstar
kubectl describe ns default
kubectl describe node kind-worker
kubectl apply -f sw_l3_l4_policy.yaml
kubectl describe cnp rule1
kubectl describe cep xwing
kubectl describe cnp nope
kubectl describe
cat <<EOF | kubectl apply -f -
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-empire
spec:
  podSelector:
    matchLabels:
      class: deathstar
  ingress:
  - from:
    - podSelector:
        matchLabels:
          org: empire
    ports:
    - port: 80
      protocol: TCP
EOF
kubectl describe netpol
