# Lesson 11: find the drop with Hubble, identify the peer, fix the policy, then watch HTTP.
kubectl apply -f deathstar-policy.yaml
hubble observe --verdict DROPPED
kubectl get ciliumidentities 48742 --show-labels
kubectl apply -f deathstar-l7.yaml
hubble observe --pod deathstar --protocol http
