# Lesson 9: route the Empire's traffic to the outpost through kind-worker2, SNATed to its net1 address.
kubectl label node kind-worker2 egress-gw=true
kubectl apply -f remote-outpost.yaml
