# Lesson 15: Admin quarantine above the landing policy, a Baseline below the teams, a team policy that overrides it.
kubectl apply -f landing.yaml
kubectl apply -f https://raw.githubusercontent.com/kubernetes-sigs/network-policy-api/v0.2.0/config/crd/standard/policy.networking.k8s.io_clusternetworkpolicies.yaml
kubectl apply -f quarantine.yaml
cilium config set enable-k8s-cluster-network-policy true
kubectl apply -f alliance-baseline.yaml
kubectl apply -f tiefighter-comms.yaml
