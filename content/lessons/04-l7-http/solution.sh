# Lesson 4: HTTP-aware rules on ingress (deathstar) and on egress to an external IP (mediabot).
kubectl apply -f rule1-l7.yaml
cat <<EOT | kubectl apply -f -
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: mediabot-egress
spec:
  description: The mediabot may only GET / from example.com, by IP
  endpointSelector:
    matchLabels:
      class: mediabot
  egress:
  - toCIDR:
    - 203.0.113.80/32
    toPorts:
    - ports:
      - port: "80"
        protocol: TCP
      rules:
        http:
        - method: GET
          path: /
EOT
