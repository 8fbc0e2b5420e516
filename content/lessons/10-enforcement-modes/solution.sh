# Lesson 10: try never, then run in always mode with just enough policy for the Empire to land.
kubectl apply -f rule1.yaml
cilium config set enable-policy never
cilium config set enable-policy always
kubectl apply -f kube-dns.yaml
cat <<EOT | kubectl apply -f -
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: tiefighter-egress
spec:
  description: The tiefighter may resolve names and call the deathstar on port 80
  endpointSelector:
    matchLabels:
      class: tiefighter
  egress:
  - toEndpoints:
    - matchLabels:
        k8s:io.kubernetes.pod.namespace: kube-system
        k8s:k8s-app: kube-dns
    toPorts:
    - ports:
      - port: "53"
        protocol: ANY
  - toEndpoints:
    - matchLabels:
        class: deathstar
    toPorts:
    - ports:
      - port: "80"
        protocol: TCP
EOT
