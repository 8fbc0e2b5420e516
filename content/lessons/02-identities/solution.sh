# Lesson 2: look at endpoints and identities, then watch an identity follow a label change.
kubectl get cep -A
kubectl get ciliumidentities --show-labels
kubectl label pod xwing org=empire --overwrite
