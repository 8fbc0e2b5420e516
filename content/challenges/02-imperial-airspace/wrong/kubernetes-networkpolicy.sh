# fails: cilium-policy
# A Kubernetes NetworkPolicy does the L3/L4 job, but the brief asks for a CiliumNetworkPolicy.
cat <<EOT | kubectl apply -f -
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: imperial-airspace
spec:
  podSelector:
    matchLabels:
      class: deathstar
  policyTypes:
  - Ingress
  ingress:
  - from:
    - podSelector:
        matchLabels:
          org: empire
    ports:
    - port: 80
      protocol: TCP
EOT
