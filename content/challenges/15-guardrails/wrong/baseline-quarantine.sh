# fails: quarantine-holds
# The quarantine as a Baseline rule: droid-maintenance selects the droid, so the team's allow is final.
kubectl apply -f landing.yaml
kubectl apply -f droid-maintenance.yaml
kubectl apply -f tiefighter-comms.yaml
kubectl apply -f https://raw.githubusercontent.com/kubernetes-sigs/network-policy-api/v0.2.0/config/crd/standard/policy.networking.k8s.io_clusternetworkpolicies.yaml
cat <<EOT | kubectl apply -f -
apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata:
  name: quarantine
spec:
  tier: Baseline
  priority: 10
  subject:
    pods:
      namespaceSelector: {}
      podSelector:
        matchLabels:
          quarantine: "true"
  egress:
  - name: dns-only
    action: Accept
    to:
    - pods:
        namespaceSelector:
          matchLabels:
            kubernetes.io/metadata.name: kube-system
        podSelector:
          matchLabels:
            k8s-app: kube-dns
    protocols:
    - udp:
        destinationPort:
          number: 53
  - name: nothing-else
    action: Deny
    to:
    - networks:
      - 0.0.0.0/0
EOT
cat <<EOT | kubectl apply -f -
apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata:
  name: alliance-stays-out
spec:
  tier: Baseline
  priority: 100
  subject:
    namespaces:
      matchLabels:
        kubernetes.io/metadata.name: default
  ingress:
  - name: no-alliance
    action: Deny
    from:
    - pods:
        namespaceSelector: {}
        podSelector:
          matchLabels:
            org: alliance
EOT
cilium config set enable-k8s-cluster-network-policy true
