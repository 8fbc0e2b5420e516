kubectl apply -f sw_l3_l4_policy.yaml
kubectl exec xwing -- curl -s --connect-timeout 2 -XPOST deathstar.default.svc.cluster.local/v1/request-landing
kubectl get events
cilium config view | grep hubble-drop
helm upgrade cilium cilium/cilium --namespace kube-system --reuse-values --set hubble.dropEventEmitter.enabled=true
cilium config view | grep hubble-drop
kubectl exec xwing -- curl -s --connect-timeout 2 -XPOST deathstar.default.svc.cluster.local/v1/request-landing
kubectl exec xwing -- curl -s --connect-timeout 2 -XPOST deathstar.default.svc.cluster.local/v1/request-landing
kubectl get events
kubectl get events -o wide
kubectl describe pod xwing | tail -3
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
        k8s:io.kubernetes.pod.namespace: kube-system
        k8s-app: kube-dns
YAML
kubectl apply -f xwing-egress.yaml
kubectl exec xwing -- curl -s --connect-timeout 2 http://203.0.113.80/
kubectl exec xwing -- curl -s --connect-timeout 2 -XPOST deathstar.default.svc.cluster.local/v1/request-landing
kubectl get events
kubectl describe pod xwing
cat > no-xwing.yaml <<YAML
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: no-tiefighter
spec:
  endpointSelector:
    matchLabels:
      class: deathstar
  ingressDeny:
  - fromEndpoints:
    - matchLabels:
        class: tiefighter
YAML
kubectl apply -f no-xwing.yaml
kubectl exec tiefighter -- curl -s --connect-timeout 2 -XPOST deathstar.default.svc.cluster.local/v1/request-landing
kubectl get events
helm upgrade cilium cilium/cilium --namespace kube-system --reuse-values --set hubble.dropEventEmitter.reasons={policy_denied,policy_deny}
cilium config view | grep hubble-drop
kubectl exec tiefighter -- curl -s --connect-timeout 2 -XPOST deathstar.default.svc.cluster.local/v1/request-landing
kubectl get events
hubble observe --type drop --last 1 -o json
cilium config set hubble-drop-events false
cilium config view | grep hubble-drop
