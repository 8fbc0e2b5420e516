kubectl gett pods
kubectl get pods --colour
kubectl get pods -z
kubectl get ciliumpolicy2
kubectl get cid
kubectl describe pods x-wing
kubectl delete pod x-wing
kubectl -n kube-system get pods nope
kubectl get cnp rule9
kubectl apply -f nodir/
kubectl label pod xwing class=x-wing --overwrite
kubectl get pods --show-labels -l class=x-wing
kubectl exec xwing curl -s deathstar
hubble observe --verdict allowed
cilium-dbg endpoint list
curl deathstar
kubectl logs xwing
