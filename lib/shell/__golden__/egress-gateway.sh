cilium config view
kubectl -n kube-system exec ds/cilium -q -- cilium-dbg status | grep -E 'KubeProxyReplacement|Masquerading'
kubectl -n kube-system exec ds/cilium -q -- cilium-dbg bpf egress list
kubectl exec tiefighter -- curl -s outpost
cat > egress.yaml <<YAML
apiVersion: cilium.io/v2
kind: CiliumEgressGatewayPolicy
metadata:
  name: outpost
spec:
  selectors:
  - podSelector:
      matchLabels:
        org: empire
  destinationCIDRs:
  - 10.0.4.0/24
  excludedCIDRs:
  - 10.0.4.99/32
  egressGateway:
    nodeSelector:
      matchLabels:
        egress-gw: "true"
    interface: net1
YAML
kubectl apply -f egress.yaml
kubectl -n kube-system exec ds/cilium -q -- cilium-dbg bpf egress list
kubectl exec tiefighter -- curl -s --connect-timeout 2 outpost
hubble observe --verdict DROPPED --last 1
kubectl label node kind-worker egress-gw=true
kubectl -n kube-system exec ds/cilium -q -- cilium-dbg bpf egress ls
kubectl -n kube-system exec cilium-8bmfw -q -- cilium-dbg bpf egress list
kubectl -n kube-system exec cilium-8bmfw -q -- cilium-dbg bpf egress list -o json
kubectl exec tiefighter -- curl -s outpost
kubectl exec xwing -- curl -s outpost
cilium config set enable-ipv4-egress-gateway false
cilium config view | grep -E 'egress|masquerade'
kubectl -n kube-system exec ds/cilium -q -- cilium-dbg bpf egress list
