cat > xwing-egress.yaml <<YAML
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: xwing-egress
spec:
  endpointSelector:
    matchLabels:
      class: xwing
  egress:
  - toEndpoints:
    - matchLabels:
        class: deathstar
    toPorts:
    - ports:
      - port: "80"
        protocol: TCP
  - toEndpoints:
    - matchLabels:
        k8s:io.kubernetes.pod.namespace: kube-system
        k8s:k8s-app: kube-dns
    toPorts:
    - ports:
      - port: "53"
        protocol: ANY
YAML
kubectl apply -f xwing-egress.yaml -f sw_l3_l4_policy.yaml
kubectl get pods -o wide
cilium config view | grep policy-deny-response
kubectl exec xwing -- curl -sS --connect-timeout 2 10.244.1.197
helm upgrade cilium cilium/cilium --namespace kube-system --reuse-values --set policyDenyResponse=icmp
cilium config view | grep policy-deny-response
kubectl exec xwing -- curl -sS --connect-timeout 2 10.244.1.197
kubectl exec xwing -- nc -zv -w 2 10.244.1.197 80
kubectl exec xwing -- ping -c 2 10.244.1.197
kubectl exec xwing -- curl -sS --connect-timeout 2 -XPOST deathstar.default.svc.cluster.local/v1/request-landing
hubble observe --verdict DROPPED --last 5
helm upgrade cilium cilium/cilium --namespace kube-system --reuse-values --set policyDenyResponse=tcp
cilium config set policy-deny-response none
kubectl exec xwing -- curl -sS --connect-timeout 2 10.244.1.197
