# fails: whole-empire
# Stages the draft unchanged: it names the TIE fighter's class, so the interceptor shows up as AUDIT.
kubectl exec -n kube-system cilium-8bmfw -- cilium-dbg endpoint config 2778 PolicyAuditMode=Enabled
kubectl exec -n kube-system cilium-zq9tl -- cilium-dbg endpoint config 3430 PolicyAuditMode=Enabled
kubectl apply -f quarantine.yaml
kubectl apply -f landing.yaml
