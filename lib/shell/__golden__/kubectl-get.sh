kubectl get pods
kubectl get po -o wide
kubectl get pods -A
kubectl get pods --show-labels
kubectl get pods -l org=empire
kubectl get pods -l 'class in (xwing,tiefighter)' -L class -L org
kubectl get pods -l org=nobody
kubectl get pods xwing tiefighter
kubectl get pods xwing x-wing
kubectl get pod/xwing svc/deathstar
kubectl get pods,svc
kubectl get svc -o wide
kubectl get endpoints
kubectl get ep -n kube-system
kubectl get nodes
kubectl get nodes -o wide --show-labels
kubectl get namespaces
kubectl get ns kube-system -o name
kubectl get netpol
kubectl get networkpolicies -A
kubectl get cnp
kubectl get ccnp
kubectl get cep
kubectl get cep -A
kubectl get cep -o wide
kubectl get ciliumendpoints xwing -o yaml
kubectl get ciliumidentities
kubectl get ciliumid
kubectl get cegp
kubectl get pods -n nosuchns
kubectl get pod xwing -o yaml
kubectl get svc deathstar -o json
kubectl get svc deathstar -o jsonpath='{.spec.clusterIP}'
kubectl get pods -o jsonpath='{.items[*].metadata.name}'
kubectl get cnp -o yaml
kubectl get pods -o name
kubectl get pods -o wibble
kubectl get pod xwing -A
kubectl get
kubectl get pods --no-headers
kubectl api-resources
kubectl version
kubectl config current-context
kubectl get events
kubectl get cm -A
kubectl -n kube-system get configmap cilium-config -o jsonpath={.data.enable-policy}
echo
kubectl -n kube-system describe cm coredns
