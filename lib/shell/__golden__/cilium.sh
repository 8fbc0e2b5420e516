cilium status
kubectl -n kube-system get ds,deploy
cilium config view
cilium config set enable-policy always
cilium connectivity test
cilium config view | grep enable-policy
kubectl exec tiefighter -- curl -s --connect-timeout 2 -XPOST deathstar/v1/request-landing
cilium config set enable-policy default
cilium config set enable-host-firewall true
kubectl -n kube-system exec ds/cilium -- cilium-dbg status --brief
kubectl -n kube-system exec ds/cilium -- cilium-dbg status
kubectl -n kube-system exec ds/cilium -- cilium-dbg endpoint list
kubectl -n kube-system exec ds/cilium -- cilium-dbg identity list
kubectl apply -f sw_l3_l4_policy.yaml
kubectl -n kube-system exec ds/cilium -- cilium-dbg policy get
kubectl -n kube-system exec ds/cilium -- cilium-dbg config
kubectl -n kube-system exec ds/cilium -- cilium-dbg endpoint lst
kubectl -n kube-system exec ds/cilium -- cilium-dbg bogus
kubectl exec ds/cilium -- cilium-dbg status
helm upgrade cilium cilium/cilium --namespace kube-system --reuse-values --set hostFirewall.enabled=true
helm upgrade cilium cilium/cilium -n kube-system --reuse-values --set policyEnforcementMode=always
cilium config view | grep -E 'enable-policy|host-firewall'
helm upgrade cilium cilium/cilium -n kube-system --reuse-values --set policyEnforcementMode=sometimes
helm upgrade cilium cilium/cilium --reuse-values
cilium bogus
kubectl -n kube-system exec ds/cilium -- cilium-dbg bpf egress list
kubectl -n kube-system exec ds/cilium -q -- cilium-dbg identity list -o json | head -16
kubectl -n kube-system exec cilium-8bmfw -q -- cilium-dbg endpoint list -o json | grep -A40 '"k8s-pod-name": "deathstar' | head -60
kubectl -n kube-system exec ds/cilium -q -- cilium-dbg endpoint list -o json | tail -3
cilium connectivity test
cilium hubble port-forward
