# DNS through the proxy (only *.github.com), then toFQDNs for api.github.com on 443.
cat <<EOT | kubectl apply -f -
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: mediabot-egress
spec:
  description: The mediabot resolves GitHub names and calls api.github.com over HTTPS, nothing else
  endpointSelector:
    matchLabels:
      class: mediabot
  egress:
  - toEndpoints:
    - matchLabels:
        k8s:io.kubernetes.pod.namespace: kube-system
        k8s:k8s-app: kube-dns
    toPorts:
    - ports:
      - port: "53"
        protocol: ANY
      rules:
        dns:
        - matchPattern: "*.github.com"
  - toFQDNs:
    - matchName: api.github.com
    toPorts:
    - ports:
      - port: "443"
        protocol: TCP
EOT
